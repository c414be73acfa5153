"""An Excel template for each table: Chinese headers, drop-down lists, a 说明 sheet, examples.

``write_template("cases", "案件导入模板.xlsx")`` writes a workbook an agency's staff can fill in
and that :func:`yingsu_training.loaders.load_cases` reads back unchanged:

* sheet 1 (named after the table: 案件 / 司法建议 / 机关年度): the Chinese headers, frozen, with
  required columns marked in colour and each header's explanation as a cell comment; drop-down
  lists (data validation) for 是/否 and enumerated columns; date columns formatted
  ``yyyy-mm-dd`` with a date check; whole-number checks on counts; two realistic example rows;
* sheet 2 (说明): every column with its English name, type, whether required, allowed values,
  what a blank cell means (:attr:`schema.Column.blank_text`, as the rules read it) and explanation (from :mod:`yingsu_training.schema`), and how to write dates and 是/否.
"""
from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from .export import _display_width, save_workbook_reproducibly, table_for
from .schema import TABLES, Column, Table

__all__ = ["write_template", "EXAMPLES", "KIND_ZH"]

KIND_ZH = {"text": "文字", "date": "日期", "bool": "是/否", "int": "整数", "enum": "选择"}

#: Two realistic example rows per table (English column names; missing = not given).
EXAMPLES: dict[str, list[dict[str, object]]] = {
    "cases": [
        {
            "case_id": "(2025)渝0103行初101号", "agency": "重庆市渝中区人民政府",
            "district": "渝中区", "case_type": "征收补偿",
            "complaint_received_on": date(2025, 9, 20), "defence_submitted_on": date(2025, 10, 9),
            "evidence_submitted_on": date(2025, 10, 9), "evidence_list_submitted": "是",
            "confidential_evidence": "否", "interference_recorded": "否",
            "hearing_on": date(2025, 11, 18), "major_public_interest": "是",
            "high_social_attention": "否", "mass_incident_risk": "否",
            "court_requested_head": "否", "head_appeared": "是", "head_role": "副职",
            "staff_appeared": 1, "lawyers_appeared": 1, "absent_without_cause": "否",
            "left_without_permission": "否", "withdrawal_improperly_induced": "否",
            "decision_kind": "判决驳回诉讼请求", "decision_served_on": date(2025, 12, 22),
            "reconsideration_upheld": "否", "accountability_referred": "否",
        },
        {
            "case_id": "(2025)渝0112行初233号", "agency": "重庆市渝北区市场监督管理局",
            "district": "渝北区", "case_type": "行政处罚",
            "complaint_received_on": date(2025, 4, 25), "defence_submitted_on": date(2025, 5, 9),
            "evidence_submitted_on": date(2025, 5, 12), "evidence_list_submitted": "是",
            "confidential_evidence": "是", "confidential_marked": "是",
            "interference_recorded": "否", "hearing_on": date(2025, 6, 17),
            "major_public_interest": "否", "high_social_attention": "否",
            "mass_incident_risk": "否", "court_requested_head": "否", "head_appeared": "否",
            "staff_appeared": 1, "lawyers_appeared": 1, "absent_without_cause": "否",
            "left_without_permission": "否", "withdrawal_improperly_induced": "否",
            "decision_kind": "判决撤销并责令重作", "decision_served_on": date(2025, 7, 30),
            "performance_due_on": date(2025, 10, 30), "performed_on": date(2025, 10, 20),
            "remade_same_act": "否", "revoked_for_procedure_or_law": "是",
            "reconsideration_upheld": "是", "review_organ_proved_procedure": "是",
            "accountability_referred": "否",
        },
    ],
    "suggestions": [
        {"suggestion_id": "(2025)渝01司建3号", "agency": "重庆市渝中区人民政府",
         "received_on": date(2025, 3, 3), "replied_on": date(2025, 4, 20),
         "copied_to_legal_office": "是", "case_id": "(2024)渝0103行初55号"},
        {"suggestion_id": "(2025)渝05司建12号", "agency": "重庆市江北区住房和城乡建设委员会",
         "received_on": date(2025, 9, 28)},
    ],
    "agencies": [
        {"agency": "重庆市渝中区人民政府", "year": 2024, "trainings_held": 2,
         "funding_in_budget": "是", "statistics_reported_on": date(2024, 12, 20),
         "included_in_annual_report": "是", "in_assessment": "是"},
        {"agency": "重庆市江北区规划和自然资源局", "year": 2025, "trainings_held": 0,
         "funding_in_budget": "否", "in_assessment": "是"},
    ],
}

_HEADER_FILL = "DDEBF7"
_REQUIRED_FILL = "FCE4D6"
_LAST_ROW = 5000  # rows covered by drop-downs and checks


def _rule_text(col: Column) -> str:
    if col.kind == "date":
        return "2025-10-09、2025/10/9 或 2025年10月9日；也可直接输入 Excel 日期"
    if col.kind == "bool":
        return "是 / 否（也接受 true/false、1/0、Y/N）"
    if col.kind == "enum":
        return "只能选：" + "、".join(col.choices)
    if col.kind == "int":
        return f"整数，不小于 {col.minimum}" if col.minimum is not None else "整数"
    return "唯一，不能重复" if col.unique else ""


def write_template(table: str | Table, path: str | os.PathLike) -> Path:
    """Write the import template for ``table`` ("cases", "suggestions", "agencies") to ``path``."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    tbl = table_for(table)
    examples = next(EXAMPLES[key] for key, t in TABLES.items() if t is tbl)
    wb = Workbook()
    ws = wb.active
    ws.title = tbl.zh
    bold = Font(bold=True)
    thin = Side(style="thin", color="A6A6A6")
    header_border = Border(bottom=thin)

    for j, col in enumerate(tbl.columns, start=1):
        letter = get_column_letter(j)
        cell = ws.cell(row=1, column=j, value=col.zh)
        cell.font = Font(bold=True, color="C00000") if col.required else bold
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if col.required else _HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = header_border
        note = [f"{col.zh}（{col.name}）", f"类型：{KIND_ZH[col.kind]}" + ("，必填" if col.required else "")]
        if col.help:
            note.append(col.help)
        rule = _rule_text(col)
        if rule:
            note.append(rule)
        cell.comment = Comment("\n".join(note), "yingsu")
        cell.comment.width, cell.comment.height = 260, 120

        for i, example in enumerate(examples, start=2):
            value = example.get(col.name)
            if value is None:
                continue
            if isinstance(value, date):
                value = datetime(value.year, value.month, value.day)
            c = ws.cell(row=i, column=j, value=value)
            if col.kind == "date":
                c.number_format = "yyyy-mm-dd"
        if col.kind == "date":
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"

        cells = f"{letter}2:{letter}{_LAST_ROW}"
        dv = None
        if col.kind == "bool":
            dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
            dv.error, dv.errorTitle = "请从下拉列表选择“是”或“否”，不知道或未发生请留空。", "是/否"
        elif col.kind == "enum":
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"',
                                allow_blank=True)
            dv.error, dv.errorTitle = "只能选：" + "、".join(col.choices), col.zh
        elif col.kind == "date":
            dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)",
                                formula2="DATE(2100,12,31)", allow_blank=True)
            dv.error, dv.errorTitle = "请输入日期，如 2025-10-09。", col.zh
            dv.errorStyle = "warning"
        elif col.kind == "int":
            dv = DataValidation(type="whole", operator="greaterThanOrEqual",
                                formula1=str(col.minimum if col.minimum is not None else 0),
                                allow_blank=True)
            dv.error, dv.errorTitle = _rule_text(col) + "。", col.zh
        if dv is not None:
            dv.showErrorMessage = True
            dv.promptTitle = col.zh[:32]
            dv.prompt = (_rule_text(col) or col.help)[:255]
            dv.showInputMessage = True
            ws.add_data_validation(dv)
            dv.add(cells)

        values = [col.zh] + [str(e.get(col.name, "")) for e in examples]
        width = max(_display_width(v) for v in values) + 2
        if col.kind == "date":
            width = max(width, 12)
        ws.column_dimensions[letter].width = min(max(width, 8), 40)
    ws.row_dimensions[1].height = 36
    ws.freeze_panes = "B2"

    # the 说明 sheet
    info = wb.create_sheet("说明")
    lines = [
        [f"{tbl.zh}导入模板（渝府办发〔2016〕220号行政应诉培训工具包）"],
        ["1. 在“" + tbl.zh + "”工作表中每行填写一条记录；第2、3行是示例，填写前请删除或覆盖。"],
        ["2. 红色表头为必填列。其余各列空白的含义见下表“空白表示”一栏：有的列空白表示“不知道”"
         "（用到它的检查条款结论为“信息不足”），有的表示“否”，日期列空白表示尚未发生。"
         "“不知道”的列若实际是“没有”，请填“否”或 0，不要留空。"],
        ["3. 日期写作 2025-10-09、2025/10/9 或 2025年10月9日，或直接输入 Excel 日期。"],
        ["4. 是/否列从下拉列表选择；也接受 true/false、1/0、Y/N。"],
        ["5. 也可另存为 CSV（UTF-8 或 GBK 均可）导入；表头可以用中文或英文列名。"],
        [],
        ["中文表头", "英文列名", "类型", "必填", "填写要求", "空白表示", "说明"],
    ]
    for row in lines:
        info.append(row)
    head_row = len(lines)
    for cell in info[head_row]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
    info["A1"].font = Font(bold=True, size=13)
    for col in tbl.columns:
        info.append([col.zh, col.name, KIND_ZH[col.kind], "是" if col.required else "",
                     _rule_text(col), col.blank_text, col.help])
    for letter, width in zip("ABCDEFG", (34, 30, 8, 6, 46, 40, 50)):
        info.column_dimensions[letter].width = width
    for row in info.iter_rows(min_row=head_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    info.freeze_panes = f"A{head_row + 1}"

    wb.properties.title = f"{tbl.zh}导入模板"
    path = Path(path)
    save_workbook_reproducibly(wb, path)
    return path
