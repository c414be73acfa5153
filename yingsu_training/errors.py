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

    def report(self) -> str:
        lines = [self.title]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, start=1)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()
