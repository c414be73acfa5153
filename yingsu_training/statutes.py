"""The national-law articles the kit quotes, verbatim, and the checks that keep quotations honest.

``data/statutes.yaml`` (written by ``scripts/build_statute_data.py`` from the official texts)
holds, per law, its title, document number, the names the kit cites it by and the cited
articles as lists of paragraphs (款); a paragraph with items (项) is ``{text, items}``.

:func:`quotation_problems` says whether a quotation is a verbatim part of the article, paragraph
and item it cites. A shortened quotation marks each cut with ``……``; every piece between the
cuts must appear, in order, character for character, in the cited text (so a sentence that the
law continues cannot end in a ``。`` of the quoter's own). :func:`quotations_in` finds the
quotations of national law in free text (``行政诉讼法第五十一条第一款：……`` or
``“……”（法释〔2018〕1号第四十八条第四款）``), for the tests that read notebooks, exercises and docs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "statutes.yaml"

NUM = "一二三四五六七八九十百零"
#: ``第六十七条第一款``, ``第九十六条第（二）项``, ``第十九条第一款第（四）项``
CITATION = re.compile(rf"^(第[{NUM}]+条)(?:(第[{NUM}]+款))?(?:第([（(][{NUM}]+[）)])项)?$")
#: laws the kit names whose text is not in data/statutes.yaml: they may be cited, never quoted
UNQUOTABLE = ("中华人民共和国行政复议法", "行政复议法", "国务院办公厅关于加强和改进行政应诉工作的意见",
              "国办发〔2016〕54号", "领导干部干预司法活动、插手具体案件处理的记录、通报和责任追究规定")
CUT = re.compile(r"……|…")


@dataclass(frozen=True)
class Law:
    key: str
    title: str
    number: str | None
    names: tuple[str, ...]
    articles: dict[str, list]
    in_force: str | None = None     # the day the cited articles read as quoted took effect

    @property
    def short(self) -> str:
        return self.number or self.names[0]


@lru_cache(maxsize=1)
def laws() -> dict[str, Law]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {k: Law(k, v["title"], v.get("number"), tuple(v["names"]), v["articles"], v.get("in_force"))
            for k, v in raw.items()}


def law_key(name: str) -> str | None:
    """The key of a law cited as ``name`` (``ALL``, ``行政诉讼法``, ``中华人民共和国行政诉讼法`` …)."""
    name = name.strip()
    for law in laws().values():
        if name == law.key or name == law.title or name in law.names:
            return law.key
    return None


def _paragraph_text(p) -> str:
    return p if isinstance(p, str) else "\n".join([p["text"], *p["items"]])


def _items(p) -> list[str]:
    return [] if isinstance(p, str) else list(p["items"])


_CN = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 一百二十八 → 128, 一百零一 → 101."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN[ch]
    return total + current


def cited_text(law: str, article: str) -> tuple[str | None, list[str]]:
    """(the text an ``article`` citation such as ``第六十七条第一款`` points to, problems)."""
    key = law_key(law)
    if key is None:
        return None, [f"“{law}”不在工具包收录的法律文本中，不能引用原文"]
    m = CITATION.match(article.strip())
    if not m:
        return None, [f"“{law}{article}”不是单一条、款、项的引注，无法核对原文"]
    art, par, item = m.groups()
    paragraphs = laws()[key].articles.get(art)
    if paragraphs is None:
        return None, [f"{laws()[key].short}{art}未收录（请在 scripts/build_statute_data.py 的 ARTICLES 中加入并重新生成）"]
    if par is not None:
        i = cn_number(par[1:-1]) - 1
        if not 0 <= i < len(paragraphs):
            return None, [f"{laws()[key].short}{art}没有{par}（共{len(paragraphs)}款）"]
        chosen = [paragraphs[i]]
    elif len(paragraphs) == 1 or item is not None:
        chosen = paragraphs
    else:
        return None, [f"{laws()[key].short}{art}有{len(paragraphs)}款，引文须注明第几款"]
    if item is not None:
        number = item.strip("（）()")
        found = [it for p in chosen for it in _items(p) if it.lstrip("（(").startswith(number + "）")
                 or it.lstrip("（(").startswith(number + ")")]
        if len(found) != 1:
            return None, [f"{laws()[key].short}{article}：找不到第（{number}）项"]
        return re.sub(r"^[（(][^）)]+[）)]", "", found[0]), []
    return "\n".join(_paragraph_text(p) for p in chosen), []


SENTENCE_ENDS = "。？！；：\n"
_ITEM_NUMBER = re.compile(rf"(?:^|\n)[（(][{NUM}]+[）)]$")


def _occurrences(text: str, piece: str, pos: int):
    at = text.find(piece, pos)
    while at >= 0:
        yield at
        at = text.find(piece, at + 1)


def _sentence_starts_at(text: str, i: int) -> bool:
    """A sentence of the law begins at ``text[i]`` (the text's start, after 。？！；： or a line
    break, or after an item's number such as （四））."""
    return i == 0 or text[i - 1] in SENTENCE_ENDS or bool(_ITEM_NUMBER.search(text[:i]))


def quotation_problems(law: str, article: str, quote: str) -> list[str]:
    """Why ``quote`` is not a verbatim part of ``law`` ``article`` (empty: it is)."""
    text, problems = cited_text(law, article)
    if text is None:
        return problems
    pos = 0
    quote = quote.strip()
    # a quotation ending in 。 offers itself as a whole sentence: unless it opens with ……, it
    # must begin where a sentence of the law begins (not after a comma of the law's own)
    whole = quote.endswith("。") and not CUT.match(quote)
    for piece in (p.strip() for p in CUT.split(quote)):
        if not piece:
            continue
        at = text.find(piece, pos)
        if whole and at >= 0:
            starts = [i for i in _occurrences(text, piece, pos) if _sentence_starts_at(text, i)]
            if not starts:
                begin = max(text.rfind(c, 0, at) for c in SENTENCE_ENDS) + 1
                return [f"{law}{article}：引文“{piece}”以“。”结尾，是整句引用，但原文这一句从"
                        f"“{text[begin:at]}”开始（截去的部分应以……标明）"]
            at = starts[0]
        whole = False
        if at < 0:
            where = "在原文中" if text.find(piece) < 0 else "的顺序与原文"
            return [f"{law}{article}：引文“{piece}”{where}不符（原文：{text}）"]
        pos = at + len(piece)
    return []


# ---------------------------------------------------------------------------------------------
# quotations in free text

def _names_pattern() -> str:
    names = {n for law in laws().values() for n in (*law.names, law.title)} | set(UNQUOTABLE)
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


ART = rf"第[{NUM}]+条(?:第[{NUM}]+款)?(?:第[（(][{NUM}]+[）)]项)?"


@lru_cache(maxsize=1)
def _patterns():
    names = _names_pattern()
    cite = rf"(?P<law>{names})(?P<article>{ART})"
    return (
        # 行政诉讼法第五十一条第一款：人民法院……应当登记立案。 (a “word” quoted inside is part of it)
        re.compile(rf"{cite}(?:（[^）]*）)?：(?P<quote>(?:[^。\n“”）`]|“[^”\n]*”)+?(?:。|……|…|$))", re.M),
        # 行政复议法第一条明确“……”
        re.compile(rf"{cite}[^，。：“\n]{{0,6}}“(?P<quote>[^”]+)”"),
        # “……”（法释〔2018〕1号第四十八条第四款）
        re.compile(rf"“(?P<quote>[^”]+)”（{cite}）"),
    )


@dataclass(frozen=True)
class Quotation:
    law: str
    article: str
    quote: str

    def problems(self) -> list[str]:
        if self.law in UNQUOTABLE:
            return [f"引用了{self.law}{self.article}的原文“{self.quote}”，但工具包没有该文本，无法核对"]
        return quotation_problems(self.law, self.article, self.quote)


def quotations_in(text: str) -> list[Quotation]:
    """Every quotation of national law in ``text`` written in one of the kit's three forms."""
    out = []
    for pattern in _patterns():
        for m in pattern.finditer(text):
            out.append(Quotation(m["law"], m["article"], m["quote"].strip()))
    return out
