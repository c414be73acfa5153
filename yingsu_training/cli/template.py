"""``yingsu template cases|suggestions|agencies FILE.xlsx``: write an Excel import template."""
from __future__ import annotations

from pathlib import Path

from ..schema import TABLES
from . import UserError


def register(sub) -> None:
    p = sub.add_parser(
        "template", help="生成 Excel 导入模板（中文表头、下拉选项、说明页、两行示例）",
        description="生成可直接填写的 Excel 导入模板：cases（案件）、suggestions（司法建议）、"
                    "agencies（机关年度）。填好后可用 load_cases 等函数导入。")
    p.add_argument("table", choices=list(TABLES), help="表：cases / suggestions / agencies")
    p.add_argument("file", help="输出文件，如 案件导入模板.xlsx")
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from ..template import write_template

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件须以 .xlsx 结尾：{args.file}")
    if path.exists() and not args.force:
        raise UserError(f"文件已存在：{args.file}（如需覆盖，请加 --force）")
    if not path.parent.exists():
        raise UserError(f"文件夹不存在：{path.parent}")
    try:
        write_template(args.table, path)
    except OSError as exc:
        raise UserError(f"无法写入文件 {args.file}（{exc.strerror or exc}）；"
                        f"如果该文件正在 Excel 中打开，请先关闭") from None
    tbl = TABLES[args.table]
    required = "、".join(c.zh for c in tbl.columns if c.required)
    print(f"已生成{tbl.zh}导入模板：{path}（{len(tbl.columns)} 列，含 2 行示例；"
          f"必填列：{required}；各列说明见“说明”工作表）")
    return 0
