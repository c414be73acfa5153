"""The opinion as data: 24 clauses, verbatim from the source text."""
import re
from datetime import date

import pytest

from yingsu_training import load_opinion
from yingsu_training.opinion import source_text

SPEC_IDS = ("1 2.1 2.2 3.1 3.2 4.1 4.2 4.3 5.1 5.2 6.1 6.2 7.1 7.2 8.1 8.2 9.1 9.2 "
            "10.1 10.2 11.1 11.2 12.1 12.2").split()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_opinion_has_the_24_clauses_of_the_spec_in_order():
    assert load_opinion().ids == SPEC_IDS


@pytest.mark.parametrize("clause", list(load_opinion()), ids=lambda c: c.id)
def test_every_clause_text_appears_verbatim_in_the_source(clause):
    source = squash(source_text())
    assert squash(clause.text) in source
    assert squash(clause.heading) in source
    assert len(clause.text) > 20


def test_the_page_break_inside_eight_two_is_mended_into_one_sentence():
    text = load_opinion()["8.2"].text
    assert "领导干部和行政执法人员旁听庭审" in text


@pytest.mark.parametrize("cid,label", [
    ("1", "一、高度重视行政应诉工作"),
    ("3.2", "三（二）不得超期答辩举证"),
    ("10.1", "十（一）认真办理并回复司法建议"),
    ("12.2", "十二（二）严格落实行政应诉责任追究制度"),
])
def test_clause_labels_follow_the_chinese_numbering(cid, label):
    assert load_opinion()[cid].label == label


def test_the_last_clause_stops_before_the_signature_block():
    assert "2016年10月24日" not in load_opinion()["12.2"].text


def test_the_document_metadata_names_number_issuer_date_and_parent_opinion():
    op = load_opinion()
    assert op.number == "渝府办发〔2016〕220号"
    assert op.issuer == "重庆市人民政府办公厅"
    assert op.issued_on == date(2016, 10, 24)
    assert "国办发〔2016〕54号" in op.implements
    assert len(op.sections) == 12


def test_an_unknown_clause_id_is_a_chinese_key_error():
    with pytest.raises(KeyError, match="没有条款"):
        load_opinion()["3.3"]
