"""The explanations of the default data set (datasets/*-2025.csv) are the texts the checker
gave before the explanations moved onto the vectorised rules.

``tests/data/explanations-2025.csv.xz`` holds every finding's text at the data set's check
date (2026-03-31) and in the middle of the year (2025-08-15), as the per-record engine wrote
them, up to the closing "依据：…" sentence: that one is the obligation catalogue's legal basis
(``explanations.source_text``), checked here to close every text. Change the file only when a
rule's law changes (a new sentence is then a legal correction, reviewed like one): rewrite it
with ``save_expected()`` below and read the diff.
"""
from pathlib import Path

import pandas as pd
import pytest

from yingsu_training.checks import check
from yingsu_training.explanations import source_text
from yingsu_training.loaders import load_agencies, load_cases, load_suggestions

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = Path(__file__).parent / "data" / "explanations-2025.csv.xz"
DATES = ["2026-03-31", "2025-08-15"]
FILES = {"case": ("cases-2025.csv", load_cases), "suggestion": ("suggestions-2025.csv", load_suggestions),
         "agency_year": ("agencies-2025.csv", load_agencies)}


def _explained(kind: str, as_of: str) -> pd.DataFrame:
    name, load = FILES[kind]
    findings = check(load(ROOT / "datasets" / name), kind, as_of=as_of)
    if kind == "agency_year":
        key = findings["agency"].astype(str) + " " + findings["year"].astype(str)
    else:
        key = findings.iloc[:, 0].astype(str)
    texts = findings["explanation"].astype(str)
    sources = findings["obligation_id"].astype(str).map(source_text)
    assert all(t.endswith(s) for t, s in zip(texts, sources)), "every text closes with its source"
    return pd.DataFrame({"as_of": as_of, "kind": kind, "key": key,
                         "obligation_id": findings["obligation_id"].astype(str),
                         "status": findings["status"].astype(str),
                         "explanation": [t[:len(t) - len(s)] for t, s in zip(texts, sources)]})


def save_expected() -> None:  # pragma: no cover - run by hand after a legal correction
    pd.concat([_explained(k, d) for d in DATES for k in FILES]).to_csv(EXPECTED, index=False)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return pd.read_csv(EXPECTED, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("kind", list(FILES))
def test_the_default_data_set_is_explained_in_the_same_words_as_before(expected, kind, as_of):
    want = expected[(expected["kind"] == kind) & (expected["as_of"] == as_of)].reset_index(drop=True)
    got = _explained(kind, as_of)
    assert len(got) == len(want)
    assert list(got["key"]) == list(want["key"])
    assert list(got["status"]) == list(want["status"])
    differ = got["explanation"] != want["explanation"]
    shown = "\n".join(f"{r.key} {r.obligation_id}\n  before: {w}\n  now:    {r.explanation}"
                      for r, w in zip(got[differ].head(5).itertuples(), want["explanation"][differ]))
    assert not differ.any(), f"{differ.sum()} explanations changed:\n{shown}"
