"""Benchmark: ``load_cases`` against the plain readers underneath it, as ratios from one run.

* a workbook of ``--xlsx-rows`` cases (default 20,000): ``load_cases`` (read with python-calamine,
  headers mapped, every cell parsed and validated) against python-calamine's own parse of the
  sheet into Python rows — goal: at most 1.5×;
* a CSV of ``--csv-rows`` cases (default 1,000,000): ``load_cases`` against plain
  ``pandas.read_csv`` of the same file — goal: at most 1.5×.

Both files are written by the kit (``export.save_table``, Chinese headers) from generated cases;
each timing is the least CPU time of ``--repeat`` runs (the ratio is what matters: both
sides are measured in the same run, alternating).

    .venv/bin/python benchmarks/bench_loaders.py [--xlsx-rows 20000] [--csv-rows 1000000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import gc
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

import pandas as pd

from yingsu_training.export import save_table
from yingsu_training.loaders import load_cases
from yingsu_training.random_records import random_cases

GOAL = 1.5


def _best(fn, repeat: int) -> float:
    """The least CPU time of this process over ``repeat`` runs (on a shared machine the wall
    clock mostly measures waiting for a core; both readers are single-threaded)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def _alternating(a, b, repeat: int) -> tuple[float, float]:
    """Least CPU times of ``a`` and ``b``, run in turn so that both see the same machine."""
    ta = tb = float("inf")
    for _ in range(repeat):
        ta = min(ta, _best(a, 1))
        tb = min(tb, _best(b, 1))
    return ta, tb


def _without_gc(fn):
    """``fn`` run with the garbage collector paused, as ``load_cases`` pauses it while it reads:
    the plain reader it is compared with runs under the same conditions."""
    def run():
        was_on = gc.isenabled()
        gc.disable()
        try:
            return fn()
        finally:
            if was_on:
                gc.enable()
    return run


def _quiet_load(path: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_cases(path)


def bench_xlsx(rows: int, repeat: int, folder: Path) -> float:
    from python_calamine import CalamineWorkbook

    path = save_table(random_cases(rows, as_of=date(2025, 10, 9), seed=11, required=True),
                      folder / "cases.xlsx", "cases")
    assert len(_quiet_load(path)) == rows

    @_without_gc
    def calamine():
        wb = CalamineWorkbook.from_path(str(path))
        wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        wb.close()

    t_cal, t_load = _alternating(calamine, lambda: _quiet_load(path), repeat)
    ratio = t_load / t_cal
    print(f"xlsx {rows:>9,} rows: python-calamine parse {t_cal:7.3f} s, load_cases {t_load:7.3f} s CPU"
          f" → ratio {ratio:.2f}× (goal ≤ {GOAL}×)")
    return ratio


def bench_csv(rows: int, repeat: int, folder: Path) -> float:
    path = save_table(random_cases(rows, as_of=date(2025, 10, 9), seed=12, required=True),
                      folder / "cases.csv", "cases")
    assert len(_quiet_load(path)) == rows
    t_pd, t_load = _alternating(_without_gc(lambda: pd.read_csv(path)), lambda: _quiet_load(path), repeat)
    ratio = t_load / t_pd
    print(f"csv  {rows:>9,} rows: pandas.read_csv {t_pd:7.3f} s, load_cases {t_load:7.3f} s CPU"
          f" → ratio {ratio:.2f}× (goal ≤ {GOAL}×)")
    return ratio


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xlsx-rows", type=int, default=20_000)
    ap.add_argument("--csv-rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench_xlsx(args.xlsx_rows, args.repeat, Path(d))
        bench_csv(args.csv_rows, args.repeat, Path(d))


if __name__ == "__main__":
    main()
