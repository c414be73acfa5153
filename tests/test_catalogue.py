"""The obligation catalogue and dated parameters."""
from datetime import date

import pytest

from yingsu_training import load_opinion, obligations, parameter
from yingsu_training.catalogue import checked_clause_ids, discussion_clause_ids, parameters

DISCUSSION = ["1", "2.1", "4.1", "5.1", "7.1", "8.1", "9.2", "10.2", "11.1"]


def test_every_clause_is_either_checked_or_a_discussion_clause():
    assert list(obligations()) == load_opinion().ids
    assert discussion_clause_ids() == DISCUSSION
    assert len(checked_clause_ids()) == 15


@pytest.mark.parametrize("record,ids", [
    ("case", ["2.2", "3.1", "3.2", "4.2", "4.3", "5.2", "6.1", "6.2", "7.2", "12.2"]),
    ("suggestion", ["10.1"]),
    ("agency_year", ["8.2", "9.1", "11.2", "12.1"]),
])
def test_checked_clauses_are_on_the_record_kind_of_the_spec(record, ids):
    assert checked_clause_ids(record) == ids


@pytest.mark.parametrize("cid", list(obligations()))
def test_every_obligation_carries_a_legal_basis_quoted_or_cited_as_a_text_the_kit_does_not_hold(cid):
    from yingsu_training.statutes import UNQUOTABLE
    ob = obligations()[cid]
    assert ob.legal_basis
    for b in ob.legal_basis:
        if b.quote:
            assert b.law and b.article
        else:   # no official text in the kit: a plain reference, shown as 参见…
            assert any(name in b.law for name in UNQUOTABLE), b
            assert b.shown.startswith("参见")


def test_the_later_national_rules_are_recorded_with_article_and_date():
    refs = [r for ob in obligations().values() for r in ob.refinements]
    assert any(r.source == "I-2018" and r.in_force == date(2018, 2, 8) for r in refs)
    assert any(r.source == "R-2020" and r.in_force == date(2020, 7, 1) for r in refs)
    four_two = obligations()["4.2"]
    assert {r.article for r in four_two.refinements} >= {"第四条", "第五条第二款", "第八条、第九条",
                                                         "第一条、第七条"}
    # the three-day notice is in 第五条, not 第四条
    assert "三日" in four_two.refinement("three_day_notice").note
    assert four_two.refinement("three_day_notice").article == "第五条第二款"


def test_refinements_are_found_by_id_and_an_unknown_id_is_a_chinese_error():
    assert obligations()["4.1"].refinement("head_definition").article == "第二条第一款"
    with pytest.raises(KeyError, match="没有编号为"):
        obligations()["4.1"].refinement("nothing")


@pytest.mark.parametrize("name,value", [
    ("defence_period_days", 15), ("appeal_period_judgment_days", 15),
    ("appeal_period_ruling_days", 10), ("suggestion_reply_days", 60),
    ("max_agents_with_head", 2),
])
def test_the_periods_and_limits_live_in_dated_data(name, value):
    assert parameter(name) == value
    assert parameter(name, on=date(2025, 1, 1)) == value
    assert parameters()[name].reference.quote


def test_the_defence_period_is_ten_days_before_2015_05_01_with_its_own_source():
    p = parameters()["defence_period_days"]
    assert (p.at(date(2014, 6, 3)), p.at(date(2015, 4, 30)), p.at(date(2015, 5, 1))) == (10, 10, 15)
    assert p.reference_at(date(2014, 6, 3)).citation == "法释〔2002〕21号第一条第一款"
    assert p.reference_at(date(2015, 5, 1)).citation == p.reference.citation


def test_a_parameter_asked_for_before_it_was_in_force_is_an_error():
    with pytest.raises(ValueError, match="尚未施行"):
        parameter("suggestion_reply_days", on=date(2016, 1, 1))


def test_every_parameter_a_rule_names_exists():
    for ob in obligations().values():
        for name in ob.parameters:
            assert name in parameters()


@pytest.mark.parametrize("cid", list(obligations()))
def test_citations_shown_to_trainees_spell_out_the_law_not_internal_abbreviations(cid):
    ob = obligations()[cid]
    shown = [b.citation for b in ob.legal_basis] + [r.citation for r in ob.refinements]
    for text in shown:
        for code in ("ALL", "I-2018", "R-2020", "E-2002", "W-2008", "CPL"):
            assert code not in text, text


OPINION_QUOTES = [(cid, b.quote) for cid, ob in obligations().items() for b in ob.legal_basis
                  if "220号" in b.law] + [
    (name, p.reference.quote) for name, p in parameters().items() if "220号" in p.reference.law]


@pytest.mark.parametrize("cid,quote", OPINION_QUOTES, ids=[c for c, _ in OPINION_QUOTES])
def test_every_quotation_of_the_opinion_is_verbatim_from_its_source(cid, quote):
    import re
    from yingsu_training.opinion import source_text
    from yingsu_training.statutes import CUT
    source = re.sub(r"\s+", "", source_text())
    assert all(piece in source for piece in CUT.split(re.sub(r"\s+", "", quote)) if piece)


OPINION_CITED = [(cid, b.article, b.quote) for cid, ob in obligations().items() for b in ob.legal_basis
                 if "220号" in b.law and b.quote] + [
    (name, p.reference.article, p.reference.quote) for name, p in parameters().items()
    if "220号" in p.reference.law]


@pytest.mark.parametrize("cid,article,quote", OPINION_CITED, ids=[c for c, _, _ in OPINION_CITED])
def test_a_quotation_of_the_opinion_is_in_the_part_it_cites_and_a_cut_sentence_is_marked(cid, article, quote):
    """十（一） must hold the sentence; one that ends in 。 but starts after the opinion's own
    comma opens with …… (as quotations of national law do)."""
    import re
    from yingsu_training.statutes import CUT, _sentence_starts_at
    opinion = load_opinion()
    cited = [opinion[c] for c in opinion.ids if re.match(rf"{re.escape(article)}(?![（(])", opinion[c].label)]
    assert len(cited) == 1, article
    text = re.sub(r"\s+", "", cited[0].full_text)
    pieces = [p for p in CUT.split(re.sub(r"\s+", "", quote)) if p]
    assert all(p in text for p in pieces)
    if quote.endswith("。") and not CUT.match(quote):
        assert _sentence_starts_at(text, text.find(pieces[0])), "a cut sentence must open with ……"
