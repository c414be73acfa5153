"""Benchmark of the checker: vectorised case rules vs the per-record reference.

    .venv/bin/python benchmarks/bench_checks.py [--n 1000000] [--sample 2000] [--explain 20000]

Makes N random cases (``yingsu_training.random_records``), runs all ten case rules vectorised
(``check_cases(..., explain=False)``: verdicts and the lean findings table), adds Chinese
explanations to a subset, and runs the per-record reference implementation on a sample. Prints
cases per second, the ratio, and the peak memory of the process. Goals on the 2-core machine:
≥ 500,000 cases/s for verdicts alone, ≥ 100× the per-record path, peak < 2 GB at 1,000,000.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from yingsu_training import reference  # noqa: E402
from yingsu_training.checks import check_cases, explain_findings  # noqa: E402
from yingsu_training.random_records import random_cases  # noqa: E402

AS_OF = date(2025, 10, 9)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="number of random cases")
    ap.add_argument("--sample", type=int, default=2_000, help="cases for the per-record path")
    ap.add_argument("--explain", type=int, default=20_000, help="cases to explain")
    ap.add_argument("--repeat", type=int, default=3, help="vectorised runs (best is reported)")
    args = ap.parse_args(argv)
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    t = time.perf_counter()
    cases = random_cases(args.n, as_of=AS_OF, seed=2026)
    print(f"generated {args.n:,} random cases in {time.perf_counter() - t:.2f} s "
          f"(peak so far {peak_mb():.0f} MB)")

    times, cpu = [], []
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        findings = check_cases(cases, as_of=AS_OF, explain=False)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    best = min(times)
    fast_rate = args.n / best
    print(f"vectorised, verdicts alone: {len(findings):,} findings; wall "
          + ", ".join(f"{x:.2f} s" for x in times) + "; CPU "
          + ", ".join(f"{x:.2f} s" for x in cpu)
          + f"; best {fast_rate:,.0f} cases/s (CPU: {args.n / min(cpu):,.0f} cases/s)")
    print("  (the machine is shared: wall time includes waiting for a core; numpy runs on one core)")
    print(f"findings table: {findings.memory_usage(deep=True).sum() / 2**20:.0f} MB in memory")

    m = min(args.explain, args.n)
    subset = findings.iloc[: m * 10]
    t = time.perf_counter()
    explained = explain_findings(subset, cases.iloc[:m], AS_OF)
    dt = time.perf_counter() - t
    print(f"explanations for {m:,} cases ({len(explained):,} texts): {dt:.2f} s, "
          f"{m / dt:,.0f} cases/s")
    t = time.perf_counter()
    check_cases(cases.iloc[:m], as_of=AS_OF, explain=True)
    dt = time.perf_counter() - t
    print(f"check_cases(explain=True) on {m:,} cases: {dt:.2f} s, {m / dt:,.0f} cases/s")

    k = min(args.sample, args.n)
    sample = cases.iloc[:k].to_dict("records")
    t, c = time.perf_counter(), time.process_time()
    for record in sample:
        reference.check_record(record, "case", AS_OF)
    dt, dc = time.perf_counter() - t, time.process_time() - c
    slow_rate = k / dt
    print(f"per-record reference on {k:,} cases: {dt:.2f} s, {slow_rate:,.0f} cases/s "
          f"(CPU: {k / dc:,.0f} cases/s)")

    ratio = fast_rate / slow_rate
    print(f"ratio on CPU time: {(args.n / min(cpu)) / (k / dc):,.0f}×")
    peak = peak_mb()
    print(f"ratio vectorised / per-record: {ratio:,.0f}×")
    print(f"peak memory (max RSS of the process): {peak:,.0f} MB")
    cpu_rate = args.n / min(cpu)
    goals = [("≥ 500,000 cases/s (wall clock)", fast_rate >= 500_000),
             ("≥ 500,000 cases/s (CPU time, fair on a shared machine)", cpu_rate >= 500_000),
             ("≥ 100× the per-record path", ratio >= 100)]
    if args.n >= 1_000_000:
        goals.append(("peak memory < 2 GB for 1,000,000 cases", peak < 2048))
    for name, ok in goals:
        print(f"  goal {name}: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
