"""The labels the generator intends: for each record and rule, the status its facts are made
to have at the check date (``schema.Status`` codes), kept by each stage as it draws the facts.

A stage knows what it meant (a late defence, an absent head …), when each event falls (an event
after the check date has not happened: a deadline not yet passed is pending) and which facts it
leaves blank; a blank a verdict depends on makes the intended label ``insufficient_data``. The
labels are checked against the per-record oracle (``yingsu_training.reference``) in
tests/test_ground_truth.py.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status


def label(applies: np.ndarray, violation: np.ndarray, *, pending: np.ndarray | None = None,
          unknown: np.ndarray | None = None) -> np.ndarray:
    """Status codes: ``not_applicable`` where the duty does not arise, else ``violation``, else
    ``insufficient_data`` where a blank decides, else ``pending``, else ``compliant``."""
    out = np.full(len(violation), Status.COMPLIANT, dtype=np.int8)
    if pending is not None:
        out[pending] = Status.PENDING
    if unknown is not None:
        out[unknown] = Status.INSUFFICIENT_DATA
    out[np.asarray(violation, dtype=bool)] = Status.VIOLATION
    out[~np.asarray(applies, dtype=bool)] = Status.NOT_APPLICABLE
    return out


def flag_label(meant: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """A duty broken when one recorded flag says so: the flag meant, unless left blank."""
    return label(np.ones(len(meant), dtype=bool), meant & ~blank, unknown=blank)
