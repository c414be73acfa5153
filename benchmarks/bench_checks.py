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
* the engine the issue measured (``--baseline``, default the last commit before explanations
  moved onto the vectorised rules, taken from this repository's history with ``git archive``):
  its ``check_cases(..., explain=True)`` on the same cases, written to a CSV and loaded by its own
  loader, in a second process whose timings alternate with this one's (goal: ≥ 30× its rate);
* the generator: ``generate(M, 2025)`` (goal: 1,000,000 cases in under 10 s).

Rates are given on CPU time of this process (fair on a shared machine) and on the wall clock.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from yingsu_training import reference  # noqa: E402
from yingsu_training.checks import check_cases  # noqa: E402
from yingsu_training.generator import generate  # noqa: E402
from yingsu_training.random_records import random_cases  # noqa: E402

AS_OF = date(2025, 10, 9)
REPO = Path(__file__).resolve().parents[1]
#: the last commit before the explanations moved onto the vectorised rules (issue "One engine"):
#: every explanation was then written record by record, at about 1,700 cases/s
BASELINE = "9162611"
#: run in the baseline's own process: load the cases with its loader, then time its
#: explanations once per line read from stdin, printing CPU seconds
BASELINE_CHILD = """
import sys, time
from datetime import date
sys.path.insert(0, sys.argv[1])
import warnings
warnings.simplefilter("ignore")
import pandas as pd
from yingsu_training.errors import DataError
from yingsu_training.loaders import load_cases
from yingsu_training.checks import check_cases
try:
    cases = load_cases(sys.argv[2])
except DataError as exc:  # rows its contract refused (a blank it did not yet allow): left out
    bad = {p.row - 2 for p in exc.problems if p.row}
    raw = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
    raw.drop(index=sorted(bad)).to_csv(sys.argv[2], index=False)
    cases = load_cases(sys.argv[2])
as_of = date.fromisoformat(sys.argv[3])
print("ready", len(cases), flush=True)
for line in sys.stdin:
    c = time.process_time()
    out = check_cases(cases, as_of=as_of, explain=True)
    print(time.process_time() - c, len(out), flush=True)
"""


class Baseline:
    """The baseline engine in a process of its own, timed on request (None if unavailable)."""

    def __init__(self, rev: str, cases, folder: Path):
        tar = subprocess.run(["git", "-C", str(REPO), "archive", rev, "yingsu_training"],
                             capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(tar)) as t:
            t.extractall(folder, filter="data")
        csv = folder / "cases.csv"
        cases.to_csv(csv, index=False)
        self.proc = subprocess.Popen([sys.executable, "-c", BASELINE_CHILD, str(folder), str(csv),
                                      AS_OF.isoformat()], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=folder)
        ready = self.proc.stdout.readline().split()
        if not ready or ready[0] != "ready":
            raise RuntimeError("the baseline engine did not start")
        self.cases = int(ready[1])

    def time(self) -> float:
        """CPU seconds of one run of the baseline's explanations."""
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline().split()[0])

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


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
    ap.add_argument("--baseline", default=BASELINE,
                    help="git revision of the engine to compare explanations with ('' to skip)")
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
    explained, baseline, base_cpu = None, None, float("inf")
    folder = tempfile.TemporaryDirectory(prefix="yingsu-baseline-")
    if args.baseline:
        try:
            baseline = Baseline(args.baseline, subset, Path(folder.name))
        except (OSError, RuntimeError, subprocess.CalledProcessError, tarfile.TarError) as exc:
            print(f"baseline {args.baseline} not measured ({type(exc).__name__}: {exc})")
    for _ in range(args.repeat):
        for name, job in jobs.items():
            wall, cpu, out = timed(job)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
            if name == "explain":
                explained = out
        if baseline is not None:
            base_cpu = min(base_cpu, baseline.time())
    if baseline is not None:
        baseline.close()
    folder.cleanup()
    (lean_wall, lean_cpu), (ex_wall, ex_cpu), (o_wall, o_cpu) = best.values()
    explain_rate = m / ex_cpu
    print(f"explanations (explain=True) on {m:,} cases ({len(explained):,} texts): "
          f"{explain_rate:,.0f} cases/s CPU, {m / ex_wall:,.0f} cases/s wall")
    oracle_rate = k / o_cpu
    print(f"per-record oracle with its texts on {k:,} cases: {oracle_rate:,.0f} cases/s CPU, "
          f"{k / o_wall:,.0f} cases/s wall")

    if baseline is not None:
        base_rate = baseline.cases / base_cpu
        print(f"baseline engine ({args.baseline}) explaining the same {baseline.cases:,} cases: "
              f"{base_rate:,.0f} cases/s CPU")

    g = args.generate
    g_wall, g_cpu, _ = timed(lambda: generate(g, 2025, 1))
    print(f"generate({g:,} cases, with suggestions, agency-years and truth): {g_wall:.1f} s wall, "
          f"{g_cpu:.1f} s CPU")
    peak = peak_mb()

    print("ratios (CPU time, this run):")
    print(f"  explanations / per-record oracle with texts (the old path): {explain_rate / oracle_rate:,.0f}×")
    print(f"  time of explain=True / explain=False on {m:,} cases: {ex_cpu / lean_cpu:.1f}×")
    print(f"  verdicts / oracle: {check_rate / oracle_rate:,.0f}×")
    if baseline is not None:
        print(f"  explanations / the baseline engine ({args.baseline}): {explain_rate / base_rate:,.0f}×")
    goals = [("explanations ≥ 50,000 cases/s", explain_rate >= 50_000),
             ("explanations ≥ 30× the per-record oracle", explain_rate / oracle_rate >= 30),
             *([(f"explanations ≥ 30× the baseline engine ({args.baseline})", explain_rate / base_rate >= 30)]
               if baseline is not None else []),
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
