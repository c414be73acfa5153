"""Errors a user can cause, each with a Chinese message (never a bare traceback)."""
from __future__ import annotations

from dataclasses import dataclass

from .calendar import CalendarError  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, located as the user sees it (row as in Excel, 1 = header)."""

    file: str
    row: int | None      # spreadsheet row number (header is row 1); None for whole-file problems
    column: str | None   # the column header as written in the file
    value: str | None
    message: str         # Chinese

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"“{self.column}”列")
        text = "，".join(where) + "：" + self.message
        if self.value not in (None, ""):
            text += f"（值：“{self.value}”）"
        return text


class DataError(ValueError):
    """Invalid input. ``.problems`` lists every problem found in the file."""

    def __init__(self, problems: list[Problem], title: str | None = None):
        self.problems = list(problems)
        file = self.problems[0].file if self.problems else "输入文件"
        self.title = title or f"{file} 有 {len(self.problems)} 处问题，请修改后重新导入："
        super().__init__(self.report())

    #: how many problems the readable report lists before summarising the rest
    REPORT_LIMIT = 200

    def report(self, limit: int | None = None) -> str:
        """The Chinese report; ``.problems`` always keeps every problem, the text lists the first
        ``limit`` (default :attr:`REPORT_LIMIT`) so a badly broken large file stays readable."""
        limit = self.REPORT_LIMIT if limit is None else limit
        lines = [self.title]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems[:limit], start=1)]
        if len(self.problems) > limit:
            lines.append(f"  ……另有 {len(self.problems) - limit} 处问题未列出"
                         f"（完整清单见 DataError.problems，或先修改以上问题后重新导入）。")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()
