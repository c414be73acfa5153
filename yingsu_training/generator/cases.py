"""A case's life, stage by stage — complaint, defence and evidence, hearing, decision and
performance, the agency's other conduct — each stage drawing its facts and keeping the labels it
intends for the rules it makes facts for; the case record in the contract's columns."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..schema import CASES
from .complaint import draw_complaints
from .conduct import accountability, draw_conduct
from .days import to_datetime, to_days
from .decision import draw_decision
from .filings import draw_filings
from .hearing import draw_hearing, hearing_columns


def draw_cases(n: int, year: int, start: date, end: date, as_of: date, rng, rates: dict,
               head_rate: float, joint_rate: float, missing_rate: float, stages):
    """(the cases table, {clause id: intended status codes})."""
    as_of_d = to_days(as_of)
    complaints = draw_complaints(n, year, start, end, rng)
    stages.step("案件与机关")
    filings = draw_filings(complaints.received, as_of_d, rng, rates, missing_rate)
    hearing = draw_hearing(filings.last_filing, start, as_of_d, rng, rates, head_rate,
                           missing_rate)
    stages.step("答辩举证与开庭")
    decision = draw_decision(hearing.heard, hearing.on, filings.last_filing, start, as_of_d,
                             rng, rates, missing_rate)
    stages.step("裁判与履行")
    conduct = draw_conduct(n, rng, rates, joint_rate, missing_rate)

    columns = {"case_id": complaints.case_id, "agency": complaints.agency,
               "district": complaints.district, "case_type": complaints.case_type,
               "complaint_received_on": complaints.received}
    columns.update(filings.columns)
    columns.update(conduct.columns)
    columns.update(hearing_columns(hearing, rng))
    columns.update(decision.columns)
    labels = {**filings.labels, **hearing.labels, **decision.labels, **conduct.labels}
    columns["accountability_referred"] = accountability(conduct, labels, decision.not_performed)
    df = pd.DataFrame({name: (to_datetime(v) if isinstance(v, np.ndarray) and v.dtype == np.int64
                              else v) for name, v in columns.items()})
    if conduct.district_missing.any():
        df.loc[conduct.district_missing, "district"] = np.nan
    return df[CASES.names], labels
