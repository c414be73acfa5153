"""Benchmark: the answer store under a class, and the instructor's page over a full class.

1. Submit latency: W writer processes (default 150) start together and each records A answers
   (default 30) as a trainee's kernel does; each process times every ``record()`` call (from the
   call to the durable return). Printed: p50, p95, max and the total throughput, and the p95 as
   a ratio of a single writer's p95 measured in the same run.
2. The live page: ``InstructorPanel.refresh()`` (distribution, who answered, reveal state) over
   the store just filled (W × A answers), timed over R refreshes (default 20); goal < 1 s.

    .venv/bin/python benchmarks/bench_store.py [--writers 150] [--answers 30] [--refreshes 20]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent("""
    import json, sys, time
    from yingsu_training.store import open_store
    db = open_store(sys.argv[1]); w = int(sys.argv[2]); n = int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()             # every writer starts at the same moment
    out = []
    for i in range(n):
        t = time.perf_counter()
        db.record(notebook="02-答辩举证", question=f"小测·第{i % 10 + 1}题", answer="ABCD"[(w + i) % 4],
                  correct=(w + i) % 4 == 1, trainee=f"学员{w:03d}", kind="quiz", clause="3.2")
        out.append(time.perf_counter() - t)
    print(json.dumps(out))
""")


def run_writers(path: Path, writers: int, answers: int) -> tuple[list[float], float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(w), str(answers)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
             for w in range(writers)]
    for p in procs:                  # wait until every writer has imported and opened the store
        assert p.stdout.readline().strip() == "ready"
    go = time.time()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    lat = []
    for p in procs:
        out, _ = p.communicate(timeout=900)
        if p.returncode:
            raise SystemExit(f"writer failed with code {p.returncode}")
        lat += json.loads(out)
    wall = time.time() - go
    return lat, wall


def bench(writers: int, answers: int, refreshes: int) -> None:
    from yingsu_training.store import Store
    from yingsu_training.widgets.instructor import InstructorPanel

    with tempfile.TemporaryDirectory() as tmp:
        single = Path(tmp) / "single.sqlite3"
        Store(single)
        one, _ = run_writers(single, 1, answers)
        path = Path(tmp) / "class.sqlite3"
        Store(path)
        lat, wall = run_writers(path, writers, answers)
        db = Store(path)
        assert db.count() == writers * answers, "answers lost"
        p = np.percentile(np.array(lat) * 1000, [50, 95])
        p1 = np.percentile(np.array(one) * 1000, 95)
        print(f"submit: {writers} writers × {answers} answers = {len(lat)} answers, all stored")
        print(f"  latency p50 {p[0]:.1f} ms, p95 {p[1]:.1f} ms, max {max(lat) * 1000:.1f} ms; "
              f"{len(lat) / wall:.0f} answers/s overall")
        print(f"  p95 with {writers} writers = {p[1] / p1:.1f} × a lone writer's p95 ({p1:.1f} ms)")

        roster = [f"学员{w:03d}" for w in range(writers + 10)]
        panel = InstructorPanel(store=db, roster=roster, poll=False)
        times = []
        for _ in range(refreshes):
            t = time.perf_counter()
            panel.refresh(reload_choices=True)
            times.append(time.perf_counter() - t)
        print(f"live page: refresh over {db.count()} answers: median {np.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms (goal < 1000 ms: {max(times) / 1.0:.2f} of the goal)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--writers", type=int, default=150)
    ap.add_argument("--answers", type=int, default=30)
    ap.add_argument("--refreshes", type=int, default=20)
    a = ap.parse_args()
    bench(a.writers, a.answers, a.refreshes)


if __name__ == "__main__":
    main()
