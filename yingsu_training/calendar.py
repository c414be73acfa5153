"""Legal periods on the State Council's holiday schedule.

Law: 法释〔2018〕1号第四十八条 (行政诉讼法第一百零一条 refers periods to 民事诉讼法, whose
第八十五条 says the same; ALL 83 is the simplified-procedure article, not this):

    期间开始的时和日，不计算在期间内。（第二款）
    期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期。（第三款）
    期间不包括在途时间，诉讼文书在期满前交邮的，视为在期限内发送。（第四款）

That is the rule from 2018-02-08. For a period that started earlier the kit computes the same
way and cites the rule of that day (``period_rule`` in data/parameters.yaml: 行政诉讼法第一百零一条
from 2015-05-01, which refers periods to the 民事诉讼法 then in force, cited by reference).

``period(start, n)`` therefore is: the candidate last day is ``start + n`` calendar days (the
start day is not counted, days in between count whatever they are); if that day is a rest day
the period ends on the first working day after it. A rest day is a statutory holiday or a
weekend day, except a weekend day the State Council's annual notice makes a working day
(调休上班日).

The annual schedules come from the ``chinesecalendar`` package (State Council notices,
2004–2026 in version 1.11.0). A year it does not know can be supplied as a small YAML file (see
``yingsu_training/data/calendar/README.md`` and :func:`add_calendar_year`); a period whose last
day needs an unknown year raises :class:`CalendarError`, never a guess.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import yaml

#: the period rule in force today (the catalogue quotes its paragraphs under clause 3.2; the
#: rule of an earlier day is parameters()["period_rule"].at(day))
LEGAL_BASIS = "法释〔2018〕1号第四十八条"
#: the same with the statutory chain, where a text shows it
LEGAL_BASIS_CHAIN = "法释〔2018〕1号第四十八条（行政诉讼法第一百零一条适用民事诉讼法第八十五条）"

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

#: folder of schedule files shipped with the kit (years beyond ``chinesecalendar``)
PACKAGE_CALENDAR_DIR = Path(__file__).parent / "data" / "calendar"
#: environment variable naming an extra folder of schedule files
ENV_CALENDAR_DIR = "YINGSU_CALENDAR_DIR"
#: the per-user folder ``yingsu calendar add`` copies files into
USER_CALENDAR_DIR = Path.home() / ".yingsu" / "calendar"


class CalendarError(ValueError):
    """A legal period needs a year for which no holiday schedule is known."""

    def __init__(self, years: Iterable[int]):
        self.years = sorted(set(int(y) for y in years))
        ys = "、".join(f"{y}年" for y in self.years)
        super().__init__(
            f"日历中没有 {ys} 的国务院节假日安排，无法计算该期间（期间届满日可能因节假日顺延，"
            f"不能只按周末推算）。请按国务院办公厅当年的节假日安排通知，编写一个年度日历文件"
            f"（格式见 yingsu_training/data/calendar/README.md，示例 example-2026.yaml），然后运行 "
            f"`yingsu calendar add 文件.yaml`，或放入环境变量 {ENV_CALENDAR_DIR} 指定的文件夹，"
            f"或在 Python 中调用 yingsu_training.add_calendar_year('文件.yaml')。"
        )


class CalendarFileError(ValueError):
    """A holiday schedule file that cannot be used; the Chinese message names the file and
    every problem in it."""


@dataclass(frozen=True)
class YearSchedule:
    """One year's State Council schedule: rest days beyond weekends, and 调休 working days."""

    year: int
    holidays: dict[date, str]
    workdays: dict[date, str]
    source: str


@dataclass(frozen=True)
class DeadlineDetail:
    """How a legal period was computed, for explanations."""

    start: date
    days: int
    nominal_end: date  # start + days
    due: date
    skipped: tuple[tuple[date, str], ...] = field(default_factory=tuple)  # rest days rolled over

    @property
    def rolled(self) -> bool:
        return self.due != self.nominal_end

    def describe(self) -> str:
        """Chinese, e.g. ``自2025年09月20日次日起算15日，最后一日为2025年10月05日（最后一日为法定节假日，
        顺延至2025年10月09日；2025年10月05日为国庆节）``."""
        text = f"自{fmt(self.start)}次日起算{self.days}日，最后一日为{fmt(self.nominal_end)}"
        if self.rolled:
            first_name = self.skipped[0][1]
            if first_name in ("周六", "周日"):
                # an ordinary weekend: a 节假日 in the sense of 法释〔2018〕1号第四十八条, not a holiday
                text += f"（最后一日为休息日（{first_name}），顺延至{fmt(self.due)}）"
            else:
                text += (f"（最后一日为法定节假日，顺延至{fmt(self.due)}；"
                         f"{fmt(self.nominal_end)}为{first_name}）")
        return text


def fmt(d) -> str:
    """A date the way Chinese documents write it: 2025年10月09日."""
    if d is None or (pd.api.types.is_scalar(d) and pd.isna(d)):
        return "（空）"
    d = pd.Timestamp(d)
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


# ---------------------------------------------------------------------------------------------
# schedules

def _from_chinesecalendar() -> dict[int, YearSchedule]:
    from chinese_calendar import constants

    years: dict[int, dict] = {}
    for d, name in constants.holidays.items():
        years.setdefault(d.year, {"h": {}, "w": {}})["h"][d] = HOLIDAY_NAMES_ZH.get(name, name)
    for d, name in constants.workdays.items():
        years.setdefault(d.year, {"h": {}, "w": {}})["w"][d] = (
            f"{HOLIDAY_NAMES_ZH.get(name, name)}调休上班")
    src = "国务院办公厅历年部分节假日安排的通知（据 chinesecalendar 软件包）"
    return {y: YearSchedule(y, v["h"], v["w"], src) for y, v in years.items()}


def _as_date(value, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}：日期“{value}”格式不对，应写作 2027-01-01") from None


class _TextDateLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so a bad date is reported, not a crash."""


_TextDateLoader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_year_file(path: str | Path) -> YearSchedule:
    """Read and validate one schedule file (format: ``data/calendar/README.md``); a bad file
    raises :class:`CalendarFileError`."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDateLoader)  # noqa: S506 (safe)
    except (OSError, yaml.YAMLError) as exc:
        raise CalendarFileError(f"{path}：无法读取日历文件（{exc}）") from None
    problems: list[str] = []
    if not isinstance(raw, dict) or "year" not in raw:
        raise CalendarFileError(f"{path}：日历文件须包含 year、source、holidays、workdays 四项")
    year = raw.get("year")
    if not isinstance(year, int):
        raise CalendarFileError(f"{path}：year 应为整数年份，实际为“{year}”")
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    for i, item in enumerate(raw.get("holidays") or [], start=1):
        where = f"{path}：holidays 第{i}项"
        try:
            start = _as_date(item["from"], where)
            end = _as_date(item.get("to", item["from"]), where)
            name = str(item["name"])
        except (KeyError, TypeError):
            problems.append(f"{where}应写作 {{name: 春节, from: {year}-02-10, to: {year}-02-16}}")
            continue
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if end < start:
            problems.append(f"{where}：结束日早于开始日")
        d = start
        while d <= end:
            holidays[d] = name
            d += timedelta(days=1)
    for i, item in enumerate(raw.get("workdays") or [], start=1):
        where = f"{path}：workdays 第{i}项"
        try:
            d = _as_date(item["date"] if isinstance(item, dict) else item, where)
            name = str(item.get("name", "调休上班")) if isinstance(item, dict) else "调休上班"
        except ValueError as exc:
            problems.append(str(exc))
            continue
        except (KeyError, TypeError):
            problems.append(f"{where}应写作 {{date: {year}-02-07, name: 春节调休上班}}")
            continue
        if d.weekday() < 5:
            problems.append(f"{where}：{d} 不是周六或周日，调休上班日只能是周末")
        workdays[d] = name
    for d in list(holidays) + list(workdays):
        if d.year != year:
            problems.append(f"{path}：日期 {d} 不在 {year} 年内")
    both = sorted(set(holidays) & set(workdays))
    if both:
        problems.append(f"{path}：{both[0]} 同时被列为假日和调休上班日")
    if problems:
        raise CalendarFileError("\n".join(problems))
    return YearSchedule(year, holidays, workdays, str(raw.get("source", path.name)))


_extra_files: list[Path] = []


def _calendar_dirs() -> list[Path]:
    dirs = [PACKAGE_CALENDAR_DIR, USER_CALENDAR_DIR]
    if os.environ.get(ENV_CALENDAR_DIR):
        dirs.append(Path(os.environ[ENV_CALENDAR_DIR]))
    return dirs


def _supplement_files() -> list[Path]:
    files: list[Path] = []
    for d in _calendar_dirs():
        if d.is_dir():
            files.extend(sorted(p for p in d.glob("*.yaml") if not p.name.startswith("example")))
    return files + _extra_files


def add_calendar_year(path: str | Path) -> YearSchedule:
    """Use a year's schedule from a file for the rest of this session (validates it first)."""
    schedule = read_year_file(path)
    _extra_files.append(Path(path))
    _index.cache_clear()
    return schedule


def reset_calendar() -> None:
    """Forget schedules added with :func:`add_calendar_year` (tests use this)."""
    _extra_files.clear()
    _index.cache_clear()


@lru_cache(maxsize=1)
def _index() -> "_Index":
    schedules = _from_chinesecalendar()
    for f in _supplement_files():
        s = read_year_file(f)
        schedules[s.year] = s  # a file replaces the package's data for its year
    return _Index(schedules)


def schedules() -> dict[int, YearSchedule]:
    """Every known year's schedule."""
    return dict(_index().schedules)


def known_years() -> list[int]:
    return sorted(_index().schedules)


class _Index:
    """Day-indexed arrays over the known years, for fast vectorised periods."""

    def __init__(self, schedules: dict[int, YearSchedule]):
        self.schedules = schedules
        first, last = min(schedules), max(schedules)
        self.origin = np.datetime64(f"{first}-01-01", "D")
        end = np.datetime64(f"{last + 1}-01-01", "D")
        n = int((end - self.origin).astype(int))
        days = self.origin + np.arange(n)
        weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday (3)
        rest = weekday >= 5
        known = np.zeros(n, dtype=bool)
        years = days.astype("datetime64[Y]").astype(int) + 1970
        for y, s in schedules.items():
            known |= years == y
            for d in s.holidays:
                rest[self._pos(d)] = True
            for d in s.workdays:
                rest[self._pos(d)] = False
        self.first_year, self.last_year = first, last
        self.rest = rest
        self.known = known
        # next_work[i] = index of the first working day on or after day i (n when unknown)
        next_work = np.full(n + 1, n, dtype=np.int64)
        for i in range(n - 1, -1, -1):
            next_work[i] = i if not rest[i] else next_work[i + 1]
        # a roll that crosses into an unknown year is not resolvable
        self.next_work = next_work[:n]
        self.n = n

    def _pos(self, d: date) -> int:
        return int((np.datetime64(d, "D") - self.origin).astype(int))

    def year_known(self, year: int) -> bool:
        return year in self.schedules

    def is_rest(self, d: date) -> bool:
        if not self.year_known(d.year):
            raise CalendarError([d.year])
        return bool(self.rest[self._pos(d)])

    def rest_name(self, d: date) -> str:
        s = self.schedules[d.year]
        if d in s.holidays:
            return s.holidays[d]
        return "周六" if d.weekday() == 5 else "周日"


def is_rest_day(d: date) -> bool:
    """Statutory holiday, or a weekend day that is not a 调休 working day."""
    return _index().is_rest(pd.Timestamp(d).date())


def is_working_day(d: date) -> bool:
    return not is_rest_day(d)


def day_kind(d: date) -> str:
    """Chinese description of a day: 工作日 / 周末 / 国庆节 / 春节调休上班 …"""
    d = pd.Timestamp(d).date()
    idx = _index()
    if not idx.year_known(d.year):
        raise CalendarError([d.year])
    s = idx.schedules[d.year]
    if d in s.holidays:
        return s.holidays[d]
    if d in s.workdays:
        return s.workdays[d]
    return "周末" if d.weekday() >= 5 else "工作日"


def deadline_detail(start: date, days: int) -> DeadlineDetail:
    """The period ``period(start, days)`` with the rest days it rolled over."""
    start = pd.Timestamp(start).date()
    days = int(days)
    nominal = start + timedelta(days=days)
    idx = _index()
    skipped: list[tuple[date, str]] = []
    d = nominal
    while True:
        if not idx.year_known(d.year):
            raise CalendarError([d.year])
        if not idx.rest[idx._pos(d)]:
            break
        skipped.append((d, idx.rest_name(d)))
        d += timedelta(days=1)
    return DeadlineDetail(start, days, nominal, d, tuple(skipped))


def legal_deadline(start: date, days: int) -> date:
    """The last day of a legal period of ``days`` days beginning the day after ``start``."""
    return deadline_detail(start, days).due


def legal_deadlines(starts: pd.Series, days) -> pd.Series:
    """Vectorised :func:`legal_deadline` over a Series of dates (``NaT`` stays ``NaT``).

    ``days`` is an int or an array/Series of ints aligned with ``starts``. Raises
    :class:`CalendarError` naming every year that would be needed and is unknown.
    """
    idx = _index()
    s = pd.to_datetime(pd.Series(starts), errors="raise")
    values = s.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    missing = np.isnat(values)
    offs = np.asarray(days, dtype=np.int64) if not np.isscalar(days) else np.int64(days)
    cand = np.where(missing, 0, (values - idx.origin).astype(np.int64) + offs)
    out_of_range = (~missing) & ((cand < 0) | (cand >= idx.n))
    safe = np.clip(cand, 0, idx.n - 1)
    unknown = out_of_range | ((~missing) & ~idx.known[safe])
    rolled = idx.next_work[safe]
    rolled_bad = (~missing) & ~unknown & ((rolled >= idx.n) | ~idx.known[np.clip(rolled, 0, idx.n - 1)])
    bad = unknown | rolled_bad
    if bad.any():
        cand_days = idx.origin + cand[bad]
        years = set((cand_days.astype("datetime64[Y]").astype(int) + 1970).tolist())
        if rolled_bad.any():
            years |= {int(y) + 1 for y in (idx.origin + cand[rolled_bad]).astype("datetime64[Y]").astype(int) + 1970}
        raise CalendarError(y for y in years if not idx.year_known(y))
    result = (idx.origin + np.clip(rolled, 0, idx.n - 1)).astype("datetime64[ns]")
    result[missing] = np.datetime64("NaT")
    return pd.Series(result, index=s.index, name=getattr(starts, "name", None))
