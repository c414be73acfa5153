"""The agency answers: its defence and evidence within the period from the day it received the
complaint copy (10 days before 2015-05-01, 15 from then; an extension for evidence now and
then), some sent by post, the evidence list and confidential evidence (rules 3.1 and 3.2)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..opinion import load_opinion
from .days import NAT, arrival, dated, deadline_var, happen, to_days, working_on_or_after
from .draws import flags, uniform_int
from .labels import label

POSTED_SHARE = 0.08           # defences and evidence sent by post (posting date counts)


@dataclass
class Filings:
    due: np.ndarray                 # the defence period's last day
    last_filing: np.ndarray         # the later filing (the due day for one not filed)
    columns: dict
    labels: dict[str, np.ndarray]


def draw_filings(received: np.ndarray, as_of_d: int, rng, rates: dict,
                 missing_rate: float) -> Filings:
    n = len(received)
    # the period of the law in force on the day the copy was received
    due_d = deadline_var(received, dated("defence_period_days", received))
    late32 = rng.random(n) < rates["3.2"]
    span = due_d - received
    # on time: a working day in (received, due]; agencies tend to file near the deadline
    frac = rng.beta(3, 1.5, n)
    on_time = received + 1 + np.floor(frac * (span - 1)).astype(np.int64)
    late_by = rng.integers(1, 25, n)
    late_defence = late32 & (rng.random(n) < 0.6)
    defence = np.where(late_defence, due_d + late_by, on_time)
    # evidence: mostly the same day; sometimes separately
    same_day = rng.random(n) < 0.75
    ev_frac = rng.beta(3, 1.5, n)
    evidence = np.where(same_day, defence,
                        received + 1 + np.floor(ev_frac * (span - 1)).astype(np.int64))
    extension = rng.random(n) < 0.03
    ext_until = np.where(extension, due_d + rng.integers(10, 31, n), NAT)
    ext_until = np.where(extension, working_on_or_after(
        np.where(ext_until <= as_of_d + 400, ext_until, due_d)), NAT)
    evidence = np.where(extension & ~same_day, uniform_int(rng, due_d + 1, ext_until), evidence)
    evidence_due = np.where(extension, ext_until, due_d)
    late_evidence = late32 & ~late_defence  # the late one is the evidence
    evidence = np.where(late_evidence, evidence_due + late_by, evidence)
    never = late32 & (rng.random(n) < 0.15)  # never filed at all
    no_defence = never & (rng.random(n) < 0.5)
    defence = np.where(no_defence, NAT, defence)
    evidence = np.where(never & ~no_defence, NAT, evidence)
    defence = happen(defence, as_of_d)
    evidence = happen(evidence, as_of_d)
    # some filings go by post: the date drawn above is the posting date (the one that counts,
    # 法释〔2018〕1号第四十八条第四款) and the court receives them one to four days later — an
    # arrival after the check date is not known yet (posted, no arrival date)
    defence_posted = np.where((defence != NAT) & (rng.random(n) < POSTED_SHARE), defence, NAT)
    evidence_posted = np.where((evidence != NAT) & (rng.random(n) < POSTED_SHARE), evidence, NAT)
    defence_arrived = arrival(defence, defence_posted, rng.integers(1, 5, n), as_of_d)
    evidence_arrived = arrival(evidence, evidence_posted, rng.integers(1, 5, n), as_of_d)

    ev_present = evidence != NAT
    confidential = rng.random(n) < 0.05
    viol31 = rng.random(n) < rates["3.1"]
    conf_viol = viol31 & confidential
    list_viol = viol31 & ~confidential & ev_present
    evidence_list_missing = ~ev_present | (rng.random(n) < missing_rate)
    confidential_missing = rng.random(n) < missing_rate
    conf_marked_missing = ~confidential & ~confidential_missing

    always = np.ones(n, dtype=bool)
    # 3.1: confidential evidence left unmarked, or evidence provided without its list (the list
    # duty arises with the evidence provided: submitted, or posted and not yet arrived, since a
    # filing is sent when posted, 法释〔2018〕1号第四十八条第四款) — unless the blank is in the fact
    # that shows it; a blank list leaves evidence provided undecided
    # — and the list is the opinion's own duty: evidence provided before it was issued owes none
    owed = ev_present & (evidence >= to_days(load_opinion().issued_on))
    labels = {"3.1": label(always, (conf_viol & ~confidential_missing)
                           | (list_viol & owed & ~evidence_list_missing),
                           unknown=(conf_viol & confidential_missing)
                           | (owed & evidence_list_missing))}
    # 3.2: the late (or never filed) one is a breach once its last day has passed; until then,
    # like a filing on time still to come, it is pending
    culprit_due = np.where(late_defence | no_defence, due_d, evidence_due)
    waiting = (defence == NAT) | (evidence == NAT)
    labels["3.2"] = label(always, late32 & (as_of_d > culprit_due), pending=waiting)

    columns = {
        "defence_submitted_on": defence_arrived,
        "defence_posted_on": defence_posted,
        "evidence_submitted_on": evidence_arrived,
        "evidence_posted_on": evidence_posted,
        "evidence_list_submitted": flags(~list_viol, evidence_list_missing),
        "evidence_extension_until": ext_until,
        "confidential_evidence": flags(confidential, confidential_missing),
        "confidential_marked": flags(~conf_viol, conf_marked_missing),
    }
    last_filing = np.maximum(np.where(defence == NAT, due_d, defence),
                             np.where(evidence == NAT, due_d, evidence))
    return Filings(due=due_d, last_filing=last_filing, columns=columns, labels=labels)

