"""Every quotation of national law in the kit is a verbatim part of the article, paragraph and
item it cites (data/statutes.yaml, generated from the official texts); no text cites
行政诉讼法第八十三条 for periods."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from yingsu_training import statutes
from yingsu_training.catalogue import obligations, parameters
from yingsu_training.statutes import Quotation, cited_text, quotation_problems, quotations_in

ROOT = Path(__file__).resolve().parents[1]
OPINION = "渝府办发〔2016〕220号"


# ---------------------------------------------------------------------------------------------
# the statute data itself

def test_the_statute_data_holds_the_period_rule_paragraph_by_paragraph():
    text, problems = cited_text("I-2018", "第四十八条第四款")
    assert not problems
    assert text == "期间不包括在途时间，诉讼文书在期满前交邮的，视为在期限内发送。"


def test_an_item_is_found_by_its_number_in_either_kind_of_bracket():
    assert cited_text("ALL", "第九十六条第（二）项")[0].startswith("在规定期限内不履行的")
    assert cited_text("行政机关公务员处分条例", "第十九条第（四）项")[0].startswith("拒不执行人民法院")


CHECKS = [
    ("a verbatim sentence passes", "ALL", "第六十七条第一款",
     "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，并提出答辩状。", True),
    ("a sentence cut short with its own full stop fails", "ALL", "第五十九条第一款",
     "诉讼参与人或者其他人有下列行为之一的，人民法院可以根据情节轻重，予以训诫、责令具结悔过或者处一万元以下的罚款、十五日以下的拘留。", False),
    ("the same cut marked with …… passes", "ALL", "第五十九条第一款",
     "诉讼参与人或者其他人有下列行为之一的，人民法院可以根据情节轻重，予以训诫、责令具结悔过或者处一万元以下的罚款、十五日以下的拘留……", True),
    ("the right words under the wrong paragraph fail", "I-2018", "第一百二十八条第一款",
     "行政机关负责人出庭应诉的，可以另行委托一至二名诉讼代理人。", False),
    ("an article of several paragraphs cited without its paragraph fails", "I-2018", "第一百二十八条",
     "行政机关负责人出庭应诉的，可以另行委托一至二名诉讼代理人。", False),
    ("the simplified-procedure article does not hold the period rule", "ALL", "第八十三条",
     "期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期。", False),
    ("pieces out of order fail", "ALL", "第八十五条",
     "当事人不服人民法院第一审裁定的……当事人不服人民法院第一审判决的", False),
    ("a paraphrase fails", "ALL", "第五十一条第一款", "对符合起诉条件的，应当登记立案。", False),
    ("a sentence quoted from its middle and ended with 。 fails", "E-2002", "第一条第一款",
     "被告对作出的具体行政行为负有举证责任，应当在收到起诉状副本之日起10日内，提供据以作出被诉具体行政行为的全部证据和所依据的规范性文件。", False),
    ("the same sentence opened with …… passes", "E-2002", "第一条第一款",
     "……被告对作出的具体行政行为负有举证责任，应当在收到起诉状副本之日起10日内，提供据以作出被诉具体行政行为的全部证据和所依据的规范性文件。", True),
    ("a second sentence of a paragraph quoted whole passes", "ALL", "第三条第三款",
     "不能出庭的，应当委托行政机关相应的工作人员出庭。", True),
    ("a phrase without a full stop may be taken from inside a sentence", "I-2018", "第四十八条第四款",
     "诉讼文书在期满前交邮的，视为在期限内发送", True),
    ("an item quoted whole passes", "行政机关公务员处分条例", "第十九条第（四）项",
     "拒不执行人民法院对行政案件的判决、裁定或者监察机关、审计机关、行政复议机关作出的决定的", True),
]


@pytest.mark.parametrize("what,law,article,quote,ok", CHECKS, ids=[c[0] for c in CHECKS])
def test_a_quotation_is_held_to_its_article_and_paragraph(what, law, article, quote, ok):
    assert (not quotation_problems(law, article, quote)) is ok


def test_quotations_are_found_in_the_three_written_forms():
    text = ("行政诉讼法第六十七条第一款：被告应当在收到起诉状副本之日起十五日内提出答辩状。"
            "行政复议法第一条明确“发挥行政复议化解行政争议的主渠道作用”。"
            "“诉讼文书在期满前交邮的，视为在期限内发送”（法释〔2018〕1号第四十八条第四款）。"
            "期间照算（行政诉讼法第八十五条），不是引文。")
    found = quotations_in(text)
    assert [(q.law, q.article) for q in found] == [
        ("行政诉讼法", "第六十七条第一款"), ("行政复议法", "第一条"), ("法释〔2018〕1号", "第四十八条第四款")]
    assert [bool(q.problems()) for q in found] == [True, True, False]


def test_a_quotation_with_a_quoted_word_inside_is_found_and_checked_to_its_full_stop():
    right = ("法释〔2018〕1号第一百三十条第一款：行政诉讼法第三条第三款规定的“行政机关相应的工作人员”，"
             "包括该行政机关具有国家行政编制身份的工作人员以及其他依法履行公职的人员。")
    wrong = right.replace("以及其他依法履行公职的人员", "以及律师")
    found = {(q.law, q.article): q for q in quotations_in(right)}
    assert found[("法释〔2018〕1号", "第一百三十条第一款")].quote == right.split("：", 1)[1]
    assert not any(q.problems() for q in found.values())
    assert [q.article for q in quotations_in(wrong) if q.problems()] == ["第一百三十条第一款"]


# ---------------------------------------------------------------------------------------------
# every quotation in the kit

ARTICLES = re.compile(rf"第[{statutes.NUM}]+条(?:第[{statutes.NUM}]+款)?(?:第[（(][{statutes.NUM}]+[）)]项)?")


def _structured():
    out = []
    for cid, ob in obligations().items():
        for b in ob.legal_basis:
            if b.quote and OPINION not in b.law:
                out.append((f"obligations.yaml {cid}", b.law, b.article, b.quote))
        for r in ob.refinements:
            if r.quote:   # quoted from the first article (and paragraph) the refinement cites
                first = ARTICLES.findall(r.article)[0]
                out.append((f"obligations.yaml {cid} {r.id}", r.source, first, r.quote))
    for name, p in parameters().items():
        for i, b in enumerate(dict.fromkeys((p.reference, *p.references))):
            if OPINION not in b.law and b.quote:   # a law the kit does not hold is cited, not quoted
                out.append((f"parameters.yaml {name} #{i}", b.law, b.article, b.quote))
    return out


STRUCTURED = _structured()


@pytest.mark.parametrize("where,law,article,quote", STRUCTURED, ids=[s[0] for s in STRUCTURED])
def test_every_quotation_in_the_catalogue_and_parameters_is_verbatim(where, law, article, quote):
    assert not quotation_problems(law, article, quote)


@pytest.mark.parametrize("cid", list(obligations()))
def test_every_refinement_cites_articles_that_exist(cid):
    for r in obligations()[cid].refinements:
        for article in ARTICLES.findall(r.article):
            text, problems = cited_text(r.source, article)
            assert text is not None or "须注明第几款" in "".join(problems), (r.id, problems)


def _user_texts() -> dict[str, str]:
    """Every file a user reads, or whose strings a user reads: the docs, README, exercises,
    notebooks (sources and outputs), the package's modules and data."""
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "datasets").glob("*.md")),
             *sorted((ROOT / "exercises").rglob("*.yaml")), *sorted((ROOT / "notebooks").glob("*.md")),
             *sorted((ROOT / "notebooks").glob("*.py")), *sorted((ROOT / "scripts").glob("*.py")),
             *sorted((ROOT / "yingsu_training").rglob("*.py")),
             *sorted((ROOT / "yingsu_training" / "data").rglob("*.md")),
             *[p for p in sorted((ROOT / "yingsu_training" / "data").rglob("*.yaml"))
               if p.name != "statutes.yaml"]]
    out = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in files if p.is_file()}
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        out[str(nb.relative_to(ROOT))] = "\n".join("".join(c.get("source", "")) for c in cells)
    out.pop("scripts/build_statute_data.py", None)   # names the laws, quotes nothing
    out.pop("yingsu_training/statutes.py", None)      # the checker's own examples
    return out


def _explanations() -> str:
    """Explanations of random records of every kind (what the checker writes for a user)."""
    from yingsu_training.checks import check
    from yingsu_training.random_records import random_records
    texts = []
    for kind, as_of in (("case", date(2025, 10, 9)), ("case", date(2015, 5, 20)),
                        ("suggestion", date(2016, 12, 1)), ("agency_year", date(2026, 1, 1))):
        findings = check(random_records(kind, 300, as_of=as_of, seed=5), kind, as_of=as_of)
        texts.extend(pd.unique(findings["explanation"]))
    return "\n".join(texts)


def _calculator() -> str:
    from yingsu_training.widgets.deadline import compute_deadline, deadline_result_html
    return "\n".join(deadline_result_html(compute_deadline(start, period)) for start, period in (
        (date(2025, 9, 20), "defence_period_days"), (date(2014, 6, 3), "defence_period_days"),
        (date(2025, 4, 25), "appeal_period_ruling_days"), (date(2025, 8, 2), "suggestion_reply_days")))


def _generated_html() -> dict[str, str]:
    """What the widgets write around the law (legal basis, 2016年以后的变化, the head-appearance
    judgement), tags removed: a citation in <b>…</b> followed by ： reads as a quotation too."""
    import html as html_lib

    from yingsu_training.widgets._common import basis_html
    from yingsu_training.widgets.clauses import clauses_html
    from yingsu_training.widgets.head import judge_head_answers, judgement_html
    ids = list(obligations())
    facts = {"court_requested_head": True, "head_appeared": False, "head_absence_justified": True,
             "staff_appeared": 0, "lawyers_appeared": 1}
    appeared = {"major_public_interest": True, "head_appeared": True, "head_role": "副职",
                "staff_appeared": 1, "lawyers_appeared": 1}
    pages = {"basis_html": basis_html(*ids), "clauses_html": clauses_html(ids),
             "head judgement": judgement_html(judge_head_answers(facts, True, False), facts)
             + judgement_html(judge_head_answers(appeared, False, True), appeared)}
    return {k: html_lib.unescape(re.sub(r"<[^>]+>", "", v)) for k, v in pages.items()}


def test_a_paraphrased_note_is_not_shown_as_a_quotation():
    shown = _generated_html()
    note = obligations()["4.2"].refinement("three_day_notice")
    assert f"{note.citation}（2020-07-01施行）要点：{note.note}" in shown["basis_html"]
    assert not [q for q in quotations_in(shown["basis_html"]) if q.quote == note.note]


def test_every_quotation_of_national_law_in_what_users_read_is_verbatim():
    problems = []
    for where, text in {**_user_texts(), **_generated_html(), "explanations": _explanations(),
                        "calculator": _calculator()}.items():
        for q in quotations_in(text):
            problems += [f"{where}: {p}" for p in q.problems()]
    assert not problems, "\n".join(problems)


#: 第八十三条 in Chinese or Arabic numerals (第83条, 83条)
ARTICLE_83 = re.compile(r"第八十三条|(?<![0-9])83\s*条")


@pytest.mark.parametrize("line,cited", [
    ("期间按行政诉讼法第八十三条计算", True), ("期间按行政诉讼法第83条计算", True),
    ("行政诉讼法第八十三条是简易程序条款，不是期间规定", True), ("第183条", False),
    ("法释〔2018〕1号第四十八条", False)], ids=lambda v: str(v))
def test_article_83_is_recognised_in_either_numerals(line, cited):
    assert bool(ARTICLE_83.search(line)) is cited


def test_no_text_cites_article_83_for_periods():
    """行政诉讼法第八十三条 is the simplified-procedure article; the period rule is 法释〔2018〕1号第四十八条.
    The number may appear only where a text says that."""
    shown = {**_user_texts(), **_generated_html(), "explanations": _explanations(),
             "calculator": _calculator()}
    bad = [f"{where}: {line.strip()}" for where, text in shown.items() for line in text.splitlines()
           if ARTICLE_83.search(line) and "简易程序" not in line]
    assert not bad, "\n".join(bad)
    assert "法释〔2018〕1号第四十八条" in shown["calculator"] and "法释〔2018〕1号第四十八条" in shown["explanations"]


def test_quotation_objects_report_laws_the_kit_does_not_hold():
    assert Quotation("国办发〔2016〕54号", "第四条", "……").problems()


#: citations a legal review found wrong (issue 10, item 5): each must stay out of what users read
KNOWN_MISCITATIONS = [
    ("refusing to perform a judgment is 处分条例第十九条第（四）项, not 第二十条",
     r"处分条例》?第二十条"),
    ("confidential evidence is 法释〔2002〕21号第十八条, not 法释〔2018〕1号第三十四至三十六条",
     r"法释〔2018〕1号第三十四(?:至|条至第)三十六条"),
    ("the three-day notice is 法释〔2020〕3号第五条第二款, not 第四条",
     r"法释〔2020〕3号第四条[^。；]{0,30}三日"),
    ("the agents limit is 法释〔2018〕1号第一百二十八条第二款, not 第一款",
     r"一至二名[^。；]{0,30}第一百二十八条第一款|第一百二十八条第一款[^。；]{0,30}一至二名"),
    ("a fine from the day after a 30 June deadline to 20 July counts 7月1日至7月20日",
     r"6月30日至7月20日"),
]


@pytest.mark.parametrize("what,pattern", KNOWN_MISCITATIONS, ids=[m[0] for m in KNOWN_MISCITATIONS])
def test_a_citation_once_found_wrong_does_not_come_back(what, pattern):
    shown = {**_user_texts(), **_generated_html()}
    bad = [f"{where}: {m.group(0)}" for where, text in shown.items() for m in re.finditer(pattern, text)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("what,pattern", KNOWN_MISCITATIONS, ids=[m[0] for m in KNOWN_MISCITATIONS])
def test_each_known_miscitation_pattern_recognises_the_mistake(what, pattern):
    examples = {"处分条例》?第二十条": "《行政机关公务员处分条例》第二十条",
                "法释〔2018〕1号第三十四(?:至|条至第)三十六条": "法释〔2018〕1号第三十四至三十六条",
                "法释〔2020〕3号第四条[^。；]{0,30}三日": "法释〔2020〕3号第四条：开庭三日前送达出庭通知书",
                "一至二名[^。；]{0,30}第一百二十八条第一款|第一百二十八条第一款[^。；]{0,30}一至二名":
                    "可以另行委托一至二名诉讼代理人（法释〔2018〕1号第一百二十八条第一款）",
                "6月30日至7月20日": "6月30日至7月20日共20日"}
    assert re.search(pattern, examples[pattern])
