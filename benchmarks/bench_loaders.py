"""Benchmark: ``load_cases`` against the plain readers underneath it, as ratios from one run.

* a workbook of ``--xlsx-rows`` cases (default 20,000): ``load_cases`` (read with python-calamine,
  headers mapped, every cell parsed and validated) against python-calamine's own parse of the
  sheet into Python rows — goal: at most 1.5×;
* a CSV of ``--csv-rows`` cases (default 1,000,000): ``load_cases`` against plain
  ``pandas.read_csv`` of the same file — goal: at most 1.5×.

Both files are written by the kit (``export.save_table``, Chinese headers) from generated cases;
each timing is the best of ``--repeat`` runs.

    .venv/bin/python benchmarks/bench_loaders.py [--xlsx-rows 20000] [--csv-rows 1000000] [--repeat 3]
"""
from __future__ import annotations

import argparse
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
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _quiet_load(path: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_cases(path)


def bench_xlsx(rows: int, repeat: int, folder: Path) -> float:
    from python_calamine import CalamineWorkbook

    path = save_table(random_cases(rows, as_of=date(2025, 10, 9), seed=11, required=True),
                      folder / "cases.xlsx", "cases")
    assert len(_quiet_load(path)) == rows

    def calamine():
        wb = CalamineWorkbook.from_path(str(path))
        wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        wb.close()

    t_cal = _best(calamine, repeat)
    t_load = _best(lambda: _quiet_load(path), repeat)
    ratio = t_load / t_cal
    print(f"xlsx {rows:>9,} rows: python-calamine parse {t_cal:7.3f} s, load_cases {t_load:7.3f} s"
          f" → ratio {ratio:.2f}× (goal ≤ {GOAL}×)")
    return ratio


def bench_csv(rows: int, repeat: int, folder: Path) -> float:
    path = save_table(random_cases(rows, as_of=date(2025, 10, 9), seed=12, required=True),
                      folder / "cases.csv", "cases")
    assert len(_quiet_load(path)) == rows
    t_pd = _best(lambda: pd.read_csv(path), repeat)
    t_load = _best(lambda: _quiet_load(path), repeat)
    ratio = t_load / t_pd
    print(f"csv  {rows:>9,} rows: pandas.read_csv {t_pd:7.3f} s, load_cases {t_load:7.3f} s"
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
