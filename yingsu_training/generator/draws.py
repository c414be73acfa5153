"""Random draws and the nullable columns they fill (one ``numpy.random.Generator``, drawn in a
fixed order by the stages, so that the same seed gives the same tables bit for bit)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def flags(values: np.ndarray, missing: np.ndarray | None = None) -> pd.arrays.BooleanArray:
    """A nullable boolean column (``missing``: left empty)."""
    mask = np.zeros(len(values), dtype=bool) if missing is None else missing
    return pd.arrays.BooleanArray(np.asarray(values, dtype=bool), mask.copy())


def counts(values: np.ndarray, missing: np.ndarray | None = None) -> pd.arrays.IntegerArray:
    """A nullable integer column (``missing``: left empty)."""
    mask = np.zeros(len(values), dtype=bool) if missing is None else missing
    return pd.arrays.IntegerArray(np.asarray(values, dtype=np.int64), mask.copy())


def choice(rng, n: int, weights) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def uniform_int(rng, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """An integer in [low, high] per element (high ≥ low)."""
    span = np.maximum(high - low, 0) + 1
    return low + np.floor(rng.random(len(span)) * span).astype(np.int64)
