"""The instructor's roster (名单.xlsx): who is expected in class today.

One sheet with a header row holding ``姓名`` and, optionally, ``单位``. The classroom server
passes the file to every kernel and to the instructor's JupyterLab (``$YINGSU_ROSTER``); the
sign-in offers its names and flags a trainee who signs in with a name that is not on it, and
教员看板 lists who has not answered yet. :func:`roster_path` is where every one of them looks.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_ROSTER = "YINGSU_ROSTER"
#: the roster beside a notebook, when no server passed one
ROSTER_FILE = "名单.xlsx"


class RosterError(ValueError):
    pass


@dataclass(frozen=True)
class Person:
    name: str
    unit: str = ""


def read_roster(path: str | Path) -> list[Person]:
    """The people of a roster workbook (its first sheet), in its order; blank rows skipped."""
    from python_calamine import CalamineError, CalamineWorkbook

    path = Path(path)
    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except FileNotFoundError:
        raise RosterError(f"{path}：找不到名单文件") from None
    except (CalamineError, OSError, ValueError) as exc:
        raise RosterError(f"{path.name}：无法读取名单（{exc.__class__.__name__}），请用 Excel 另存为 .xlsx 后再试") from None
    header = [str(c or "").strip() for c in (rows[0] if rows else [])]
    if "姓名" not in header:
        raise RosterError(f"{path.name}：第1行（表头）应有“姓名”一列（可另有“单位”一列）")
    i_name = header.index("姓名")
    i_unit = header.index("单位") if "单位" in header else None

    def text(row, i):
        value = row[i] if i is not None and i < len(row) else ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value or "").strip()

    people = []
    for row in rows[1:]:
        name = text(row, i_name)
        if name:
            people.append(Person(name, text(row, i_unit)))
    return people


def write_roster(people, path: str | Path) -> Path:
    """A roster workbook (tests, ``yingsu`` examples); cells written formula-inert."""
    from openpyxl import Workbook

    from ..export import make_inert, save_workbook_reproducibly

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "单位"])
    for p in people:
        p = p if isinstance(p, Person) else Person(*p)
        ws.append([p.name, p.unit])
    make_inert(wb)
    path = Path(path)
    save_workbook_reproducibly(wb, path)
    return path


def roster_path(folder: str | Path = ".") -> Path | None:
    """The class's roster file: the one ``make classroom ROSTER=…`` gave the server
    (``$YINGSU_ROSTER``), else ``名单.xlsx`` in ``folder`` (a notebook's own folder), else None."""
    given = os.environ.get(ENV_ROSTER)
    if given:
        return Path(given)
    beside = Path(folder) / ROSTER_FILE
    return beside if beside.is_file() else None


def class_roster(folder: str | Path = ".") -> list[Person] | None:
    """The people of the class's roster (:func:`roster_path`), or None without one."""
    path = roster_path(folder)
    return None if path is None else read_roster(path)


def on_roster(roster: list[Person] | None, name: str, unit: str = "") -> bool | None:
    """True when ``name`` is on the roster (and ``unit`` matches it if both are given); None
    without a roster."""
    if roster is None:
        return None
    for p in roster:
        if p.name == name and (not unit or not p.unit or p.unit == unit):
            return True
    return False
