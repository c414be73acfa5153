"""Benchmark of one trainee's kernel per lesson: what the shared results save, measured in one run.

    .venv/bin/python benchmarks/bench_lesson_kernels.py [--plan FILE] [--repeat 1]

A classroom folder is built as ``make classroom`` builds it, by default for every trainee lesson
(00–10) and the annual exercise set (the classroom sizes its memory budget by the largest of
them, ``KERNEL_MB``). Each notebook then runs in a fresh kernel (as Voilà runs it for a pool: the classroom's
environment, the folder as working directory) three times: without the classroom's cache of
shared results (**alone**: every kernel computes everything, as before the cache), as the first
kernel of the day (**first**: computes and fills the cache) and as every later kernel (**shared**:
reads the data set, its findings, the timeline pictures and the exercises with their keys).
Reported per notebook and mode: seconds until the last cell has run, the kernel's CPU seconds,
its private memory (USS: what one more kernel costs when many share the libraries) and RSS, and
the heavy modules it loaded. Ratios are shared ÷ alone. Nothing here is asserted.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# every lesson a trainee can be given, and the annual exercise set
PLAN = """title: 全部课程
sessions:
  - {minutes: 60, topic: 全部课程, lessons: ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]}
  - {minutes: 60, topic: 结业测试, exercise_sets: ["annual-training-2025"]}
"""
HEAVY = ("matplotlib", "jsonschema", "openpyxl", "scipy", "nbformat", "jupytext")


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, PSS and USS (private clean + dirty) of a process from /proc, MB."""
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                fields[key] = int(rest.split()[0]) / 1024
    return {"rss": fields["Rss"], "pss": fields["Pss"], "uss": fields["Private_Clean"] + fields["Private_Dirty"]}


async def run_notebook(path: Path, env: dict[str, str]) -> dict:
    """Run a notebook in a fresh kernel as a pool does; seconds, CPU, memory, heavy modules."""
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    km = AsyncKernelManager(kernel_name="python3")
    started = time.monotonic()
    await km.start_kernel(cwd=str(path.parent), env=env)
    try:
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=120)
        client = NotebookClient(nb, km=km, timeout=600, allow_errors=True)
        client.kc = kc
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                await client.async_execute_cell(cell, i)
        seconds = time.monotonic() - started
        pid = km.provisioner.process.pid
        cpu = sum(psutil.Process(pid).cpu_times()[:2])
        memory = memory_mb(pid)
        errors = [o.get("ename") for c in nb.cells if c.cell_type == "code"
                  for o in c.get("outputs", []) if o.get("output_type") == "error"]
        loaded: list[str] = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                loaded.extend(json.loads(msg["content"]["text"]))

        await kc.execute_interactive(
            f"import sys, json; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))",
            output_hook=hook, timeout=60)
        kc.stop_channels()
        return {"seconds": seconds, "cpu": cpu, **memory, "heavy": loaded, "errors": errors}
    finally:
        await km.shutdown_kernel(now=True)


async def main_async(args) -> list[dict]:
    from yingsu_training.classroom.build import build_classroom
    from yingsu_training.classroom.plan import load_plan
    from yingsu_training.classroom.shared import CACHE_DIR, ENV_SHARED

    home = Path(tempfile.mkdtemp(prefix="bench-lesson-kernels-"))
    try:
        (home / "datasets").symlink_to(REPO / "datasets", target_is_directory=True)
        plan = Path(args.plan) if args.plan else home / "plan.yaml"
        if not args.plan:
            plan.write_text(PLAN, encoding="utf-8")
        folder = build_classroom(load_plan(str(plan)), home / "classroom")
        notebooks = [nb["file"] for nb in json.loads((folder / "课程安排.json").read_text(encoding="utf-8"))["notebooks"]]
        base = {k: v for k, v in os.environ.items() if k != ENV_SHARED}
        base.update(YINGSU_CLASSROOM="1", YINGSU_STORE=str(home / "answers.sqlite3"),
                    JUPYTER_PLATFORM_DIRS="1", PYDEVD_DISABLE_FILE_VALIDATION="1")
        cache = folder / CACHE_DIR
        rows = []
        for nb in notebooks:
            base["JPY_SESSION_NAME"] = nb
            row = {"notebook": nb}
            for _ in range(args.repeat):
                row["alone"] = await run_notebook(folder / nb, dict(base))
            row["first"] = await run_notebook(folder / nb, {**base, ENV_SHARED: str(cache)})
            row["shared"] = await run_notebook(folder / nb, {**base, ENV_SHARED: str(cache)})
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False, default=float), flush=True)
        return rows
    finally:
        shutil.rmtree(home, ignore_errors=True)


def table(rows: list[dict]) -> str:
    out = ["| 笔记本 | 运行完 各自计算 → 共享 | CPU 秒 各自 → 共享 | 私有内存（USS） 各自 → 共享 | 比值（共享÷各自：时间 / CPU / 内存） | 各自计算时载入 → 共享时载入 |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        a, s = r["alone"], r["shared"]
        out.append(
            f"| {Path(r['notebook']).stem} | {a['seconds']:.1f} → {s['seconds']:.1f} 秒 | {a['cpu']:.2f} → {s['cpu']:.2f} | "
            f"{a['uss']:.0f} → {s['uss']:.0f} MB | {s['seconds'] / a['seconds']:.2f} / {s['cpu'] / a['cpu']:.2f} / "
            f"{s['uss'] / a['uss']:.2f} | {'、'.join(a['heavy']) or '—'} → {'、'.join(s['heavy']) or '—'} |")
    total = {m: {k: sum(r[m][k] for r in rows) for k in ("seconds", "cpu", "uss")} for m in ("alone", "shared")}
    out.append(f"| 合计 | {total['alone']['seconds']:.1f} → {total['shared']['seconds']:.1f} 秒 | "
               f"{total['alone']['cpu']:.2f} → {total['shared']['cpu']:.2f} | "
               f"{total['alone']['uss']:.0f} → {total['shared']['uss']:.0f} MB | "
               f"{total['shared']['seconds'] / total['alone']['seconds']:.2f} / {total['shared']['cpu'] / total['alone']['cpu']:.2f} / "
               f"{total['shared']['uss'] / total['alone']['uss']:.2f} | |")
    largest = max(rows, key=lambda r: r["shared"]["uss"])
    out.append("")
    out.append(f"共享时最大的内核：{Path(largest['notebook']).stem}，私有内存 {largest['shared']['uss']:.0f} MB"
               f"（RSS {largest['shared']['rss']:.0f} MB）；课堂按每个内核 KERNEL_MB 估计内存预算。")
    return "\n".join(out)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plan", default="", help="plan file (default: every lesson and the annual exercise set)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each notebook without the cache (the last counts)")
    args = ap.parse_args(argv)
    rows = asyncio.run(main_async(args))
    print()
    print(f"机器：{psutil.cpu_count()} 核；每个笔记本各在一个新内核中运行")
    print(table(rows))


if __name__ == "__main__":
    main()
