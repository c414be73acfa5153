"""The period rule an explanation, the calculator and the oracle cite is the one in force on the
day the period started (``period_rule`` in data/parameters.yaml): 法释〔2018〕1号第四十八条 from
2018-02-08, 行政诉讼法第一百零一条 (which refers periods to the 民事诉讼法 of the day) from
2015-05-01, before that only the 民事诉讼法 of the day, cited by reference. The source of a
rule decided by a hearing names only the texts in force on the hearing day."""
from datetime import date

import pandas as pd
import pytest

from yingsu_training import reference as ref
from yingsu_training.catalogue import parameters
from yingsu_training.checks import check_cases, check_suggestions
from yingsu_training.explanations import source_text
from yingsu_training.rules._cases import lawful_record
from yingsu_training.widgets.deadline import DeadlineCalculator

ARTICLE_48 = "法释〔2018〕1号第四十八条"
ARTICLE_101 = "行政诉讼法第一百零一条"
BY_REFERENCE = "参见当时施行的民事诉讼法关于期间的规定"


@pytest.mark.parametrize("on,era", [
    (date(2014, 6, 3), 0), (date(2015, 4, 30), 0), (date(2015, 5, 1), 1), (date(2018, 2, 7), 1),
    (date(2018, 2, 8), 2), (date(2025, 9, 20), 2), (None, 2)], ids=str)
def test_the_period_rule_is_the_one_in_force_on_the_start_day(on, era):
    assert parameters()["period_rule"].era(on) == era


def _case(received: str, **changes) -> dict:
    day = pd.Timestamp(received)
    facts = {"complaint_received_on": day, "defence_submitted_on": day + pd.Timedelta(days=5),
             "evidence_submitted_on": day + pd.Timedelta(days=5), "hearing_on": day + pd.Timedelta(days=60),
             "decision_served_on": day + pd.Timedelta(days=90)}
    return {**lawful_record("case"), **facts, **changes, "case_id": "c"}


def _explained(record: dict, clause: str, as_of=date(2025, 12, 1)) -> tuple[str, str]:
    """(the vectorised text, the oracle's text) of one clause on one case."""
    findings = check_cases(pd.DataFrame([record]), as_of=as_of)
    text = findings.loc[findings["obligation_id"] == clause, "explanation"].iloc[0]
    verdict = ref.check_record(record, "case", as_of)[clause]
    return text, ref.explanation_text(verdict, "case", as_of)


@pytest.mark.parametrize("received,cited,not_cited", [
    ("2016-05-03", f"{ARTICLE_101}（{BY_REFERENCE}）", ARTICLE_48),
    ("2014-06-03", BY_REFERENCE, ARTICLE_48),
    ("2018-02-08", f"{ARTICLE_48}第二款、第三款、第四款；{ARTICLE_101}。", BY_REFERENCE)], ids=str)
def test_a_defence_period_cites_the_period_rule_of_the_day_the_copy_was_received(received, cited, not_cited):
    text, oracle = _explained(_case(received), "3.2")
    assert text == oracle
    source = text[text.index("依据："):]
    assert cited in source and not_cited not in source


TEN_DAYS = "法释〔2002〕21号第一条第一款"
FIFTEEN_DAYS = "行政诉讼法第六十七条第一款"


@pytest.mark.parametrize("received,cited,not_cited", [
    ("2014-06-03", TEN_DAYS, FIFTEEN_DAYS), ("2015-04-30", TEN_DAYS, FIFTEEN_DAYS),
    ("2015-05-01", FIFTEEN_DAYS, TEN_DAYS), ("2025-09-01", FIFTEEN_DAYS, TEN_DAYS)], ids=str)
def test_a_defence_cites_the_ten_days_of_2002_only_before_the_fifteen_days_of_2015_took_over(
        received, cited, not_cited):
    text, oracle = _explained(_case(received), "3.2")
    assert text == oracle
    source = text[text.index("依据："):]
    assert cited in source and not_cited not in source


def test_a_filing_posted_in_time_in_2016_is_in_time_under_the_rule_of_its_day_not_article_48():
    record = _case("2016-05-03", defence_posted_on=pd.Timestamp("2016-05-18"),
                   defence_submitted_on=pd.Timestamp("2016-05-21"))
    text, oracle = _explained(record, "3.2")
    assert text == oracle
    assert "合规" in text and f"仍在期限内（{ARTICLE_101}（{BY_REFERENCE}））" in text
    assert ARTICLE_48 not in text


def test_an_appeal_period_cites_the_period_rule_of_the_day_the_decision_was_served():
    record = _case("2016-05-03", appeal_filed_on=pd.Timestamp("2016-08-10"))
    text, oracle = _explained(record, "6.1")
    assert text == oracle
    assert ARTICLE_48 not in text and ARTICLE_101 in text


def test_the_reply_to_a_suggestion_is_set_by_the_opinion_and_only_computed_by_the_period_rule():
    assert source_text("10.1") == ("依据：渝府办发〔2016〕220号十（一）认真办理并回复司法建议；"
                                   f"期间计算方法参照{ARTICLE_48}第二款、第三款。")
    record = {**lawful_record("suggestion"), "suggestion_id": "s", "received_on": pd.Timestamp("2017-03-01"),
              "replied_on": pd.Timestamp("2017-04-20")}
    text = check_suggestions(pd.DataFrame([record]), as_of=date(2025, 12, 1))["explanation"].iloc[0]
    verdict = ref.check_record(record, "suggestion", date(2025, 12, 1))["10.1"]
    assert text == ref.explanation_text(verdict, "suggestion", date(2025, 12, 1))
    assert text.endswith(f"期间计算方法参照{ARTICLE_101}（{BY_REFERENCE}）。") and ARTICLE_48 not in text


@pytest.mark.parametrize("start,shown,hidden", [
    (date(2016, 5, 3), f"期间计算依据{ARTICLE_101}（{BY_REFERENCE}）。", f"{ARTICLE_48}第三款"),
    (date(2025, 9, 20), f"{ARTICLE_48}第三款", BY_REFERENCE)], ids=str)
def test_the_calculator_names_the_period_rule_in_force_on_its_start_day(start, shown, hidden):
    calc = DeadlineCalculator(start=start, period="defence_period_days")
    calc.compute_button.click()
    text = calc.feedback.value
    assert shown in text and hidden not in text


@pytest.mark.parametrize("clause", ["4.2", "4.3"])
def test_a_hearing_before_the_2018_interpretation_took_effect_is_judged_on_the_texts_then_in_force(clause):
    record = _case("2017-09-01", major_public_interest=True, head_appeared=False, head_role=None,
                   head_absence_justified=True, hearing_on=pd.Timestamp("2018-02-07"))
    text, oracle = _explained(record, clause)
    assert text == oracle
    source = text[text.index("依据："):]
    assert "行政诉讼法第三条第三款" in source and "法释〔2018〕1号" not in source
    later, _ = _explained({**record, "hearing_on": pd.Timestamp("2018-02-08")}, clause)
    assert "法释〔2018〕1号第一百二" in later[later.index("依据："):]


@pytest.mark.parametrize("clause,article", [("4.3", "行政诉讼法第三条第三款"), ("4.3", "行政诉讼法第五十八条"),
                                            ("6.1", "行政诉讼法第九十四条")], ids=str)
def test_before_2015_05_01_the_administrative_litigation_law_is_cited_by_reference_not_by_its_later_numbers(
        clause, article):
    record = _case("2014-03-03", hearing_on=pd.Timestamp("2014-04-20"), decision_served_on=pd.Timestamp("2014-04-25"),
                   head_appeared=False, head_role=None, staff_appeared=1, lawyers_appeared=0)
    text, oracle = _explained(record, clause)
    assert text == oracle
    source = text[text.index("依据："):]
    assert "参见当时施行的行政诉讼法" in source and article not in source
    later, _ = _explained({**record, "complaint_received_on": pd.Timestamp("2015-06-01"),
                           "hearing_on": pd.Timestamp("2015-08-20"),
                           "decision_served_on": pd.Timestamp("2015-09-01")}, clause)
    assert article in later[later.index("依据："):] and "参见当时施行的行政诉讼法" not in later
