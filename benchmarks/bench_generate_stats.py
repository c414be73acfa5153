"""Benchmark: generate a large synthetic year (with its progress bar) and compute the full
year-end statistics over it.

    .venv/bin/python benchmarks/bench_generate_stats.py [--n 1000000] [--year 2025] [--seed 1]
        [--report]   also write the Excel/HTML report into a temporary folder

Prints the wall-clock and CPU time of each step (the machine is shared: the CPU time shows the
cost when others are busy), cases per second and the peak memory of the process. Goal on the
2-core machine: 1,000,000 cases generated (with ground truth) in under 10 s.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from yingsu_training.generator import generate  # noqa: E402
from yingsu_training.stats import statistics  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--report", action="store_true")
    args = p.parse_args(argv)

    t0, c0 = time.perf_counter(), time.process_time()
    data = generate(args.n, args.year, args.seed, progress=True)
    t_gen, c_gen = time.perf_counter() - t0, time.process_time() - c0
    print(f"生成：{args.n:,} 件案件、{len(data.suggestions):,} 条司法建议、"
          f"{len(data.agencies):,} 个机关年度、{len(data.truth):,} 行标准答案，"
          f"用时 {t_gen:.2f} 秒（{args.n / t_gen:,.0f} 件/秒；CPU 时间 {c_gen:.2f} 秒）")

    t0, c0 = time.perf_counter(), time.process_time()
    stats = statistics(data.cases, data.suggestions, data.agencies, as_of=data.as_of,
                       year=args.year)
    t_stats, c_stats = time.perf_counter() - t0, time.process_time() - c0
    city = stats.tables["city"].iloc[0]
    print(f"统计（含逐条款检查）：用时 {t_stats:.2f} 秒（{args.n / t_stats:,.0f} 件/秒；"
          f"CPU 时间 {c_stats:.2f} 秒）；"
          f"区县 {len(stats.tables['district'])} 个，被诉机关 {len(stats.tables['agency'])} 个，"
          f"案件类别 {len(stats.tables['case_type'])} 类")
    print(f"  全市负责人出庭率 {city['head_appearance_rate']:.1%}，按期答辩举证率 "
          f"{city['defence_on_time_rate']:.1%}，败诉率 {city['loss_rate']:.1%}，"
          f"违反条款 {int(city['violations']):,} 次")
    violations = int((data.truth["status"] == "violation").sum())
    print(f"  核对：标准答案中的违反 {violations:,} 次，统计得到 {int(city['violations']):,} 次"
          f"（{'一致' if violations == int(city['violations']) else '不一致！'}）")
    if args.report:
        from yingsu_training.report import write_report
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            write_report(stats, xlsx=Path(tmp) / "r.xlsx", html=Path(tmp) / "r.html")
            print(f"报告（Excel + HTML）：用时 {time.perf_counter() - t0:.2f} 秒")
    print(f"进程内存峰值：{peak_mb():,.0f} MB")
    return 0 if violations == int(city["violations"]) else 1


if __name__ == "__main__":
    sys.exit(main())
