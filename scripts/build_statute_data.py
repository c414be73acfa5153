"""Write ``yingsu_training/data/statutes.yaml``: the national-law articles the kit quotes,
verbatim, from the official texts.

Usage (from the project root; the texts are not part of the project)::

    python scripts/build_statute_data.py /path/to/shared/sources/statutes

Each text is one markdown file of the LawRefBook collection (see that folder's README): metadata
up to ``<!-- INFO END -->``, headings ``#``, then articles ``第X条 …`` whose paragraphs (款) are
separated by blank lines; items (项, ``（一）…`` or ``(一)…``) belong to the paragraph before them.
Only the articles listed in :data:`ARTICLES` are written (every article the kit cites; the
test ``tests/test_statutes.py`` names any cited article missing here). Nothing is retyped: a
paragraph is stored as the text has it; one with items as ``{text: …, items: [（一）…, …]}``.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "yingsu_training" / "data" / "statutes.yaml"

#: key → (file, official title, document number or None, names the kit cites it by)
LAWS = {
    "ALL": ("行政诉讼法(2017-06-27).md", "中华人民共和国行政诉讼法", None,
            ["行政诉讼法", "《行政诉讼法》", "中华人民共和国行政诉讼法", "《中华人民共和国行政诉讼法》"]),
    "I-2018": ("最高人民法院关于适用《行政诉讼法》的解释(2018-02-06).md",
               "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释", "法释〔2018〕1号",
               ["法释〔2018〕1号", "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释（法释〔2018〕1号）",
                "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释"]),
    "R-2020": ("最高人民法院关于行政机关负责人出庭应诉若干问题的规定(2020-06-22).md",
               "最高人民法院关于行政机关负责人出庭应诉若干问题的规定", "法释〔2020〕3号",
               ["法释〔2020〕3号"]),
    "E-2002": ("最高人民法院关于行政诉讼证据若干问题的规定(2002-07-24).md",
               "最高人民法院关于行政诉讼证据若干问题的规定", "法释〔2002〕21号",
               ["法释〔2002〕21号", "《最高人民法院关于行政诉讼证据若干问题的规定》"]),
    "W-2008": ("最高人民法院关于行政诉讼撤诉若干问题的规定(2008-01-14).md",
               "最高人民法院关于行政诉讼撤诉若干问题的规定", None,
               ["《最高人民法院关于行政诉讼撤诉若干问题的规定》", "最高人民法院关于行政诉讼撤诉若干问题的规定"]),
    "CPL": ("民事诉讼法(2023-09-01).md", "中华人民共和国民事诉讼法", None,
            ["民事诉讼法", "《民事诉讼法》", "中华人民共和国民事诉讼法"]),
    "处分条例": ("行政机关公务员处分条例(2007-04-22).md", "行政机关公务员处分条例", None,
             ["行政机关公务员处分条例", "《行政机关公务员处分条例》"]),
    "司法建议规定": ("最高人民法院关于综合治理类司法建议工作若干问题的规定(2023-11-15).md",
               "最高人民法院关于综合治理类司法建议工作若干问题的规定", None,
               ["《最高人民法院关于综合治理类司法建议工作若干问题的规定》"]),
}

#: the articles the kit cites, per law
ARTICLES = {
    "ALL": ["第三条", "第二十六条", "第三十一条", "第三十四条", "第三十六条", "第五十一条",
            "第五十八条", "第五十九条", "第六十条", "第六十二条", "第六十六条", "第六十七条",
            "第七十一条", "第八十五条", "第九十四条", "第九十六条", "第一百零一条"],
    "I-2018": ["第三十四条", "第四十八条", "第九十条", "第一百一十条", "第一百二十八条",
               "第一百二十九条", "第一百三十条", "第一百三十二条", "第一百三十三条",
               "第一百三十五条", "第一百四十九条"],
    "R-2020": ["第一条", "第二条", "第四条", "第五条", "第七条", "第八条", "第九条", "第十条",
               "第十二条"],
    "E-2002": ["第一条", "第十八条"],
    "W-2008": ["第二条"],
    "CPL": ["第八十五条"],
    "处分条例": ["第十九条"],
    "司法建议规定": [],
}

ARTICLE = re.compile(r"^(第[一二三四五六七八九十百零]+条)[ \u3000]+(.*)$")
ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def parse(text: str) -> dict[str, list]:
    """Article → its paragraphs (a paragraph with items: ``{"text": …, "items": […]}``)."""
    body = text.split("<!-- INFO END -->", 1)[1]
    articles: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in body.splitlines():
        line = raw.strip().strip("\u200b\ufeff")
        if not line or line.startswith("#"):
            continue
        m = ARTICLE.match(line)
        if m:
            current = articles.setdefault(m.group(1), [])
            current.append(m.group(2))
        elif current is None:
            continue  # the preamble
        elif ITEM.match(line) and current:
            last = current[-1]
            if isinstance(last, str):
                current[-1] = last = {"text": last, "items": []}
            last["items"].append(line)
        else:
            current.append(line)
    return articles


#: where a text's metadata gives no in-force date, the day from which the articles the kit cites
#: read as quoted: the 行政诉讼法 text is the 2017 amendment's, whose only change (第二十五条第四款)
#: the kit does not cite; every cited article has the number and words of the 2014 amendment, in
#: force from 2015-05-01 (before it, the 1989 law numbered and worded its articles otherwise)
CITED_SINCE = {"ALL": "2015-05-01"}


def in_force(text: str) -> str | None:
    """The date the text took effect, from its metadata line ``2018年2月8日 施行``."""
    m = re.search(r"^(\d{4})年(\d{1,2})月(\d{1,2})日 施行", text.split("<!-- INFO END -->")[0], re.M)
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def build(source: Path) -> dict:
    out = {}
    for key, (file, title, number, names) in LAWS.items():
        text = (source / file).read_text(encoding="utf-8")
        articles = parse(text)
        missing = [a for a in ARTICLES[key] if a not in articles]
        if missing:
            raise SystemExit(f"{file}: no {', '.join(missing)}")
        out[key] = {"title": title, "number": number, "names": names, "file": file,
                    "in_force": in_force(text) or CITED_SINCE.get(key), "articles": {a: articles[a] for a in ARTICLES[key]}}
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    data = build(Path(argv[0]))
    header = ("# Generated by scripts/build_statute_data.py from the official texts (LawRefBook/Laws,\n"
              "# commit 2f4c5c23716267af9dbebbbbd6cbbf732b101981); do not edit by hand.\n"
              "# law key → title, document number, the names the kit cites it by, and the cited\n"
              "# articles: a list of paragraphs (款); a paragraph with items (项) is {text, items}.\n")
    OUT.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                   encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
