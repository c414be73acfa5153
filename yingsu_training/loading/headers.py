"""Find the header row of a grid and map its headers to the contract's columns."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import Problem
from ..schema import TABLES, Table
from .cells import clean_text
from .read import _blank

#: how close (0–1, difflib's ratio) a header must be to a contract column's to be suggested
NEAR_MISS = 0.75


def _norm_header(h) -> str:
    """A header as compared: NFKC (full-width letters and brackets), no invisible characters,
    no blanks, no required-marks or colons, lower case."""
    text = unicodedata.normalize("NFKC", clean_text(str(h)))
    return re.sub(r"[\s*:]+", "", text).lower()


def _header_lookup(tbl: Table) -> dict[str, tuple[str, str]]:
    out = {}
    for c in tbl.columns:
        out[_norm_header(c.name)] = (c.name, "en")
        out[_norm_header(c.zh)] = (c.name, "zh")
    return out


@dataclass
class _Mapped:
    """Per raw column position: the header as written and the contract name (or None)."""

    written: list[str]
    names: list[str | None]
    lang: str  # "zh" | "en"

    def header_of(self, name: str, tbl: Table) -> str:
        for w, n in zip(self.written, self.names):
            if n == name:
                return w
        c = tbl.column(name)
        return c.zh if self.lang == "zh" else c.name


def _frame_from_grid(grid: pd.DataFrame, tbl: Table, source: str):
    """Find the header row, map headers, return (raw frame, row numbers, problems, notices)."""
    lookup = _header_lookup(tbl)
    header_pos = None
    first_nonblank = None
    for pos in range(min(len(grid), 50)):
        cells = grid.iloc[pos].tolist()
        if all(_blank(v) for v in cells):
            continue
        if first_nonblank is None:
            first_nonblank = pos
        if any(not _blank(v) and _norm_header(v) in lookup for v in cells):
            header_pos = pos
            break
    if header_pos is None:
        header_pos = first_nonblank if first_nonblank is not None else 0
    notices = []
    header_row = int(grid.index[header_pos])
    if header_pos > 0:
        skipped = [int(r) for r, (_, row) in zip(grid.index[:header_pos], grid.iloc[:header_pos].iterrows())
                   if not all(_blank(v) for v in row)]
        if skipped:
            notices.append(f"表头在第{header_row}行；其上方的第{_rows_text(skipped)}行不是数据，已忽略")
    headers = ["" if _blank(v) else clean_text(str(v)) for v in grid.iloc[header_pos].tolist()]
    body = grid.iloc[header_pos + 1:]
    rows = body.index.to_numpy(dtype=np.int64)
    raw = body.reset_index(drop=True)
    # a column with neither header nor data is not a column (xlsx formatting leftovers)
    headerless = [i for i, h in enumerate(headers) if not h and not raw.iloc[:, i].map(_blank).all()]
    problems: list[Problem] = []
    if headerless and grid.attrs.get("format") == "csv":
        # in a CSV, data under no header means the row has more cells than the header
        # (typically a comma inside a cell that is not quoted): a problem on each such row
        width = max((i + 1 for i, h in enumerate(headers) if h), default=0)
        blank = raw.iloc[:, headerless].map(_blank).to_numpy()
        for pos in np.flatnonzero(~blank.all(axis=1)):
            cells = raw.iloc[pos].tolist()
            n_cells = max(i + 1 for i, v in enumerate(cells) if not _blank(v))
            extra = [str(raw.iat[pos, i]) for i in headerless if not _blank(raw.iat[pos, i])]
            problems.append(Problem(source, int(rows[pos]), None, ",".join(extra),
                                    f"该行有 {n_cells} 个单元格，多于表头的 {width} 列"
                                    f"（单元格中的逗号须用英文双引号括起来）"))
        headerless = []
    repeated, at = _repeated_headers(raw, headers, rows, source)
    if at:
        # reported once each; not parsed again as a record of unreadable cells
        raw = raw.drop(index=raw.index[at]).reset_index(drop=True)
        rows = np.delete(rows, at)
    problems += repeated
    keep = [i for i, h in enumerate(headers) if h or i in headerless]
    headers = [headers[i] for i in keep]
    raw = raw.iloc[:, keep]
    raw.columns = range(len(keep))
    mapped, header_problems, more = _map_headers(headers, tbl, source, header_row,
                                                 column_letters=[_letter(i) for i in keep])
    raw.attrs["headers"] = mapped
    raw.attrs["date1904"] = bool(grid.attrs.get("date1904", False))
    return raw, rows, header_problems + problems, notices + more


def _repeated_headers(raw: pd.DataFrame, headers: list[str], rows: np.ndarray,
                      source: str) -> tuple[list[Problem], list[int]]:
    """Rows that repeat the header row (two exports pasted one under the other): each is one
    problem, not a row of unreadable cells."""
    named = [i for i, h in enumerate(headers) if h]
    if not named or not len(raw):
        return [], []
    first = named[0]
    col = raw.iloc[:, first]
    # an exact comparison in numpy first (fast on a million rows), the cleaned one on its hits
    candidates = np.flatnonzero(col.to_numpy(dtype=object) == headers[first])
    out, at = [], []
    for pos in candidates:
        cells = raw.iloc[pos]
        same = sum(1 for i in named if isinstance(cells.iat[i], str) and clean_text(cells.iat[i]) == headers[i])
        if same * 2 > len(named):
            out.append(Problem(source, int(rows[pos]), None, None,
                               "这一行重复了表头（可能是把两个表格拼接在一起）：请删除这一行"))
            at.append(int(pos))
    return out, at


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(i + 1)


def _map_headers(headers: list[str], tbl: Table, source: str, header_row: int,
                 column_letters: list[str] | None = None):
    lookup = _header_lookup(tbl)
    names: list[str | None] = []
    langs: list[str] = []
    written: list[str] = []
    problems: list[Problem] = []
    notices: list[str] = []
    auto_named: set[int] = set()
    for i, h in enumerate(headers):
        hit = lookup.get(_norm_header(h)) if h else None
        if not h:
            auto_named.add(i)
            letter = column_letters[i] if column_letters else str(i + 1)
            h = f"（第{letter}列，无表头）"
            notices.append(f"第{letter}列有数据但没有表头，已作为额外列“{h}”保留")
        written.append(h)
        names.append(hit[0] if hit else None)
        if hit:
            langs.append(hit[1])
    zh, en = langs.count("zh"), langs.count("en")
    lang = "en" if en > zh else "zh"
    # the same contract column given twice (in one language or both): ambiguous
    seen: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        if n:
            seen.setdefault(n, []).append(i)
    for n, idxs in seen.items():
        if len(idxs) > 1:
            others = "、".join(f"“{written[j]}”" for j in idxs)
            for j in idxs:
                problems.append(Problem(
                    source, header_row, written[j], None,
                    f"{others}指的是同一列（{tbl.column(n).zh} / {n}），无法确定使用哪一列；"
                    f"请只保留一列"))
            for j in idxs:
                names[j] = None  # neither is used; reported above
            names[idxs[0]] = n   # keep the first for typing so other checks still run
    if zh and en and not any(len(v) > 1 for v in seen.values()):
        minority = "英文" if lang == "zh" else "中文"
        cols = "、".join(f"“{w}”" for w, n, in zip(written, names)
                        if n and (_norm_header(w) == _norm_header(n)) == (lang == "zh"))
        notices.append(f"表头混用了中文和英文（{minority}表头：{cols}）；每列都能唯一对应，已按对应列读取")
    # unknown extra columns: kept, with a notice; repeated unknown headers get a suffix
    extras = [w for w, n in zip(written, names) if n is None and
              not any(w == written[j] for idxs in seen.values() if len(idxs) > 1 for j in idxs)]
    mapped = _Mapped(written, names, lang)
    suggested = _near_misses(written, names, tbl, set(seen), auto_named)
    for j, name in suggested.items():
        c = tbl.column(name)
        want = c.zh if lang == "zh" else c.name
        missing = "缺少必填列" if c.required else "缺少列"
        problems.append(Problem(
            source, header_row, written[j], None,
            f"表头“{written[j]}”不是数据规范中的列名，是否想写“{want}”？{missing}“{c.zh}”"
            f"（英文列名 {c.name}），这一列的数据现在不会被读取：请把表头改为“{want}”"))
    extras = [e for e in extras if e not in {written[j] for j in suggested}]
    if extras:
        notices.append("以下列不在数据规范中，已原样保留（不参与检查）：" + "、".join(f"“{e}”" for e in extras))
    other = _better_table(written, tbl, len(seen))
    if other is not None:
        problems.append(Problem(
            source, header_row, None, None,
            f"这个文件的表头看起来是“{other.zh}”表，而不是“{tbl.zh}”表，请确认导入的文件和表格类型"))
    elif not seen and any(written):
        problems.append(Problem(
            source, header_row, None, None,
            f"第{header_row}行没有识别出任何“{tbl.zh}”表的列名：表头应是数据上方的一行，写有"
            f"{'、'.join(f'“{c.zh}”' for c in tbl.columns if c.required)}等列名（前 50 行中没有找到）；"
            f"请确认表头与导入模板一致（可用 yingsu template 生成模板），文件编码和表格类型正确"))
    for c in tbl.columns:
        if c.name not in seen and c.required and c.name not in suggested.values():
            problems.append(Problem(
                source, None, c.zh if lang == "zh" else c.name, None,
                f"缺少必填列“{c.zh}”（英文列名 {c.name}）"))
    missing_optional = [c for c in tbl.columns if c.name not in seen and not c.required
                        and c.name not in suggested.values()]
    if missing_optional:
        notices.append("文件中没有以下可选列，按全部留空处理："
                       + "、".join((c.zh if lang == "zh" else c.name) for c in missing_optional))
    return mapped, problems, notices


def _near_misses(written: list[str], names: list[str | None], tbl: Table, present: set[str],
                 auto_named: set[int]) -> dict[int, str]:
    """Unknown headers that are nearly a contract column absent from the file: position →
    that column's name (each column suggested once, for its closest header)."""
    best: dict[str, tuple[float, int]] = {}
    for j, (w, n) in enumerate(zip(written, names)):
        if n is not None or j in auto_named:
            continue
        norm = _norm_header(w)
        if not norm:
            continue
        for c in tbl.columns:
            if c.name in present:
                continue
            score = max(difflib.SequenceMatcher(None, norm, _norm_header(c.zh)).ratio(),
                        difflib.SequenceMatcher(None, norm, _norm_header(c.name)).ratio())
            if score >= NEAR_MISS and score > best.get(c.name, (0.0, -1))[0]:
                best[c.name] = (score, j)
    out: dict[int, str] = {}
    for name, (score, j) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        if j not in out:
            out[j] = name
    return out


def _better_table(written: list[str], tbl: Table, hits: int) -> Table | None:
    """Another table whose headers the file matches clearly better (a file loaded as the
    wrong table), or None."""
    best, best_hits = None, hits
    for other in TABLES.values():
        if other.name == tbl.name:
            continue
        lookup = _header_lookup(other)
        n = len({lookup[_norm_header(w)][0] for w in written if w and _norm_header(w) in lookup})
        if n > best_hits and n >= 2 and n > 2 * hits:
            best, best_hits = other, n
    return best


def _rows_text(rows) -> str:
    rows = list(rows)
    if len(rows) > 10:
        return "、".join(str(r) for r in rows[:10]) + f"等 {len(rows)} "
    return "、".join(str(r) for r in rows)
