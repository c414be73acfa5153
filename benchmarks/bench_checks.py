"""Benchmark of the checker, as ratios measured in one run.

    .venv/bin/python benchmarks/bench_checks.py [--n 1000000] [--explain 20000] [--sample 2000]
                                                [--generate 1000000]

* verdicts: ``check_cases(..., explain=False)`` on N random cases (``random_records``), cases/s
  and the peak memory of the process (goal: ≥ 1,000,000 cases/s, ≤ 2 GB at 1,000,000 cases);
* explanations: ``check_cases(..., explain=True)`` on a subset, cases/s, and its time as a
  multiple of ``explain=False`` on the same subset (goal: ≥ 50,000 cases/s, at most 20×);
* the per-record oracle (``yingsu_training.reference``, used by the tests) writing the same
  texts on a sample (the three timed in turn, round after round, best of each) — the path every explanation took before they moved onto the vectorised
  rules: the explanations' speed as a multiple of it (goal: ≥ 30×);
* the generator: ``generate(M, 2025)`` (goal: 1,000,000 cases in under 10 s).

Rates are given on CPU time of this process (fair on a shared machine) and on the wall clock.
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
from yingsu_training.checks import check_cases  # noqa: E402
from yingsu_training.generator import generate  # noqa: E402
from yingsu_training.random_records import random_cases  # noqa: E402

AS_OF = date(2025, 10, 9)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def timed(fn, repeat: int = 1) -> tuple[float, float, object]:
    """(best wall seconds, best CPU seconds, last result)."""
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus), out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="random cases for the verdicts")
    ap.add_argument("--explain", type=int, default=20_000, help="cases to explain")
    ap.add_argument("--sample", type=int, default=2_000, help="cases for the per-record oracle")
    ap.add_argument("--generate", type=int, default=1_000_000, help="cases to generate")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each timing (best is kept)")
    args = ap.parse_args(argv)
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    cases = random_cases(args.n, as_of=AS_OF, seed=2026)
    wall, cpu, findings = timed(lambda: check_cases(cases, as_of=AS_OF, explain=False), args.repeat)
    check_rate, check_wall_rate = args.n / cpu, args.n / wall
    peak_check = peak_mb()
    print(f"verdicts (explain=False) on {args.n:,} cases: {check_rate:,.0f} cases/s CPU, "
          f"{check_wall_rate:,.0f} cases/s wall; findings table "
          f"{findings.memory_usage(deep=True).sum() / 2**20:.0f} MB; peak memory {peak_check:,.0f} MB")
    del findings

    m = min(args.explain, args.n)
    subset = cases.iloc[:m]
    k = min(args.sample, args.n)
    sample = cases.iloc[:k].to_dict("records")

    def per_record():          # the path explanations took before: verdict, then text, per record
        return [[reference.explanation_text(v, "case", AS_OF) for v in
                 reference.check_record(reference.normalise(r, "case"), "case", AS_OF).values()]
                for r in sample]

    # the three compared timings taken in turn, round after round (best of each kept), so that a
    # change in the machine's load weighs on all of them alike
    best = {"lean": (float("inf"),) * 2, "explain": (float("inf"),) * 2, "oracle": (float("inf"),) * 2}
    jobs = {"lean": lambda: check_cases(subset, as_of=AS_OF, explain=False),
            "explain": lambda: check_cases(subset, as_of=AS_OF), "oracle": per_record}
    explained = None
    for _ in range(args.repeat):
        for name, job in jobs.items():
            wall, cpu, out = timed(job)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
            if name == "explain":
                explained = out
    (lean_wall, lean_cpu), (ex_wall, ex_cpu), (o_wall, o_cpu) = best.values()
    explain_rate = m / ex_cpu
    print(f"explanations (explain=True) on {m:,} cases ({len(explained):,} texts): "
          f"{explain_rate:,.0f} cases/s CPU, {m / ex_wall:,.0f} cases/s wall")
    oracle_rate = k / o_cpu
    print(f"per-record oracle with its texts on {k:,} cases: {oracle_rate:,.0f} cases/s CPU, "
          f"{k / o_wall:,.0f} cases/s wall")

    g = args.generate
    g_wall, g_cpu, _ = timed(lambda: generate(g, 2025, 1))
    print(f"generate({g:,} cases, with suggestions, agency-years and truth): {g_wall:.1f} s wall, "
          f"{g_cpu:.1f} s CPU")
    peak = peak_mb()

    print("ratios (CPU time, this run):")
    print(f"  explanations / per-record oracle with texts (the old path): {explain_rate / oracle_rate:,.0f}×")
    print(f"  time of explain=True / explain=False on {m:,} cases: {ex_cpu / lean_cpu:.1f}×")
    print(f"  verdicts / oracle: {check_rate / oracle_rate:,.0f}×")
    goals = [("explanations ≥ 50,000 cases/s", explain_rate >= 50_000),
             ("explanations ≥ 30× the per-record oracle", explain_rate / oracle_rate >= 30),
             ("explain=True at most 20× the time of explain=False", ex_cpu / lean_cpu <= 20),
             ("verdicts ≥ 1,000,000 cases/s", check_rate >= 1_000_000)]
    if args.n >= 1_000_000:
        goals.append(("peak memory ≤ 2 GB with 1,000,000 cases checked", peak_check <= 2048))
    if g >= 1_000_000:
        goals.append((f"{g:,} cases generated in under 10 s (CPU time)", g_cpu < 10))
    print(f"peak memory of the whole run (max RSS): {peak:,.0f} MB")
    for name, ok in goals:
        print(f"  goal {name}: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
