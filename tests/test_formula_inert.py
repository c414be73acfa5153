"""Nothing the kit writes can run as a formula: every .xlsx and .csv it writes keeps text that
begins with = + - @ (also after blanks) as inert text, while numbers and dates stay what they are."""
import warnings
from datetime import date, datetime
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from yingsu_training.cli import main
from yingsu_training.export import (inert, inert_frame, looks_like_formula, save_table,
                                    uninert, write_csv, write_sheets)
from yingsu_training.loaders import load_cases
from yingsu_training.random_records import random_agencies, random_cases, random_suggestions

AS_OF = date(2025, 10, 9)

#: text a spreadsheet would run, as a trainee or a clerk might type it
ATTACKS = [
    "=HYPERLINK(\"http://example.invalid\",\"点我\")",
    "=1+2",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "  =1+1",
    "\t=1+1",
    "\n=1+1",
    "\r\n@x",
    "＝1+1",
]


def _no_formula_anywhere(path: Path) -> list[str]:
    """Every cell of every sheet of ``path`` that is a formula (should be none)."""
    wb = openpyxl.load_workbook(path)
    return [f"{ws.title}!{c.coordinate}={c.value!r}" for ws in wb.worksheets
            for row in ws.iter_rows() for c in row if c.data_type == "f"]


def _text_cells(path: Path) -> set[str]:
    wb = openpyxl.load_workbook(path)
    return {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)}


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_gets_the_csv_guard_and_is_read_back_as_written(text):
    assert looks_like_formula(text)
    assert inert(text) == "'" + text
    assert uninert(inert(text)) == text


@pytest.mark.parametrize("value", [
    "（2025）渝0105行初1号", "重庆市江北区人民政府", "", "-5", "+3.5", " -12 ", "是", "2025-10-09",
    "a=b", "邮箱 x@y.cn", 5, -5, 2.5, None, date(2025, 10, 9), datetime(2025, 10, 9, 8, 30),
])
def test_ordinary_text_numbers_and_dates_are_left_as_they_are(value):
    assert inert(value) is value or inert(value) == value
    assert not looks_like_formula(value)


def test_a_frame_is_guarded_in_its_text_cells_and_headers_only():
    df = pd.DataFrame({"=名": ["=1+2", "甲"], "人数": [-3, 4], "日期": pd.to_datetime(["2025-01-02", None])})
    out = inert_frame(df)
    assert list(out.columns) == ["'=名", "人数", "日期"]
    assert out["'=名"].tolist() == ["'=1+2", "甲"]
    assert out["人数"].tolist() == [-3, 4]
    assert out["日期"].iloc[0] == pd.Timestamp("2025-01-02")


def _attacked_cases(n=len(ATTACKS)):
    cases = random_cases(n, as_of=AS_OF, seed=5, required=True)
    cases["case_id"] = pd.array([f"{a}（{i}）" for i, a in enumerate(ATTACKS[:n])], dtype="string")
    cases["agency"] = pd.array(["=cmd|'/C calc'!A0"] * n, dtype="string")
    return cases


def test_an_xlsx_table_keeps_formula_like_text_as_string_cells_and_dates_as_dates(tmp_path):
    path = save_table(_attacked_cases(), tmp_path / "案件.xlsx", "cases")
    assert _no_formula_anywhere(path) == []
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[1]]
    ids = [r[header.index("案号")] for r in ws.iter_rows(min_row=2, values_only=True)]
    # (XML stores a line break as "\n")
    assert ids == [f"{a}（{i}）".replace("\r\n", "\n") for i, a in enumerate(ATTACKS)]
    received = ws.cell(row=2, column=header.index("收到起诉状副本日期") + 1)
    assert received.is_date


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_written_and_loaded_back_is_unchanged(tmp_path, suffix):
    cases = _attacked_cases()
    path = save_table(cases, tmp_path / f"案件{suffix}", "cases")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = load_cases(path)
    # (the loader trims blanks around a cell, as for any text)
    assert back["case_id"].tolist() == [v.strip() for v in cases["case_id"]]
    assert back["agency"].tolist() == cases["agency"].tolist()


def test_a_csv_table_guards_every_formula_like_cell(tmp_path):
    path = save_table(_attacked_cases(), tmp_path / "案件.csv", "cases")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for value in frame.to_numpy().ravel():
        assert not looks_like_formula(value), value


def test_the_findings_written_by_yingsu_check_are_inert(tmp_path, capsys):
    src = save_table(_attacked_cases(), tmp_path / "案件.csv", "cases")
    out = tmp_path / "结论.xlsx"
    assert main(["check", str(src), "--as-of", AS_OF.isoformat(), "-o", str(out)]) == 0
    assert _no_formula_anywhere(out) == []
    assert "=1+2（1）" in _text_cells(out)
    assert main(["check", str(src), "--as-of", AS_OF.isoformat(), "-o", str(tmp_path / "结论.csv")]) == 0
    for csv_path in tmp_path.glob("结论-*.csv"):
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert not any(looks_like_formula(v) for v in frame.to_numpy().ravel()), csv_path


def test_the_report_workbook_is_inert_when_an_agency_or_district_name_is_a_formula(tmp_path):
    from yingsu_training.report import write_excel
    from yingsu_training.stats import statistics

    cases = _attacked_cases()
    cases["district"] = pd.array(["@evil"] * len(cases), dtype="string")
    stats = statistics(cases, random_suggestions(5, as_of=AS_OF, seed=1, required=True),
                       random_agencies(5, as_of=AS_OF, seed=1, required=True), as_of=AS_OF)
    path = write_excel(stats, tmp_path / "报告.xlsx")
    assert _no_formula_anywhere(path) == []
    assert {"@evil", "=cmd|'/C calc'!A0"} <= _text_cells(path)


def test_the_import_template_has_no_formula_cell(tmp_path, capsys):
    for table in ("cases", "suggestions", "agencies"):
        out = tmp_path / f"{table}.xlsx"
        assert main(["template", table, str(out)]) == 0
        assert _no_formula_anywhere(out) == []


def test_a_scores_workbook_keeps_a_trainee_name_beginning_with_equals_as_text(tmp_path):
    from yingsu_training.exercises.grading import write_scores

    path = write_scores({"成绩汇总": pd.DataFrame({"学员": ["=1+1", "@x", "张三\x00"], "得分": [1.5, 2, 3]})},
                        tmp_path / "成绩.xlsx")
    assert _no_formula_anywhere(path) == []
    ws = openpyxl.load_workbook(path).active
    assert [r for r in ws.iter_rows(min_row=2, values_only=True)] == [
        ("=1+1", 1.5), ("@x", 2), ("张三", 3)]


def test_any_sheet_written_by_write_sheets_or_write_csv_is_inert(tmp_path):
    df = pd.DataFrame({"说明": ATTACKS, "数": range(len(ATTACKS))})
    assert _no_formula_anywhere(write_sheets({"a/b:c?": df}, tmp_path / "x.xlsx")) == []
    text = write_csv(df, tmp_path / "x.csv").read_bytes().decode("utf-8-sig")
    assert "\r\n'=1+2,1\r\n" in text


def test_exercise_set_titles_and_descriptions_are_escaped_in_the_built_notebook(tmp_path, monkeypatch):
    from yingsu_training.exercises.notebook import build_notebook
    from yingsu_training.exercises.sets import ExerciseSet

    bank = Path(__file__).resolve().parents[1] / "exercises"
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(bank))
    first = sorted((bank).glob("*.yaml"))[0].stem
    evil = ExerciseSet(id="x", title="<script>alert(1)</script> $x$ [点](javascript:alert(1))",
                       exercises=[first], description="# 标题\n<img src=x onerror=alert(1)>")
    out = build_notebook(evil, tmp_path / "nb.ipynb")
    intro = nbformat.read(out, as_version=4).cells[0].source
    import mistune

    html = mistune.html(intro)
    assert "<script" not in html and "<img" not in html and "href" not in html
    assert html.count("<h1>") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\$x\\$" in intro  # no MathJax either
