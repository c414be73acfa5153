"""Benchmark of the classroom: a whole class on one server, measured in one run.

    .venv/bin/python benchmarks/bench_classroom.py [--trainees 10 50 150] [--arrival 60]
                                                   [--browsers 3] [--plan FILE]

For each class size N the classroom is started exactly as ``make classroom CLASS=N`` starts it
(the commands are read from ``make -n classroom``), on 127.0.0.1 with a token, and the real day is
played on loopback:

1. **warm-up**: from the start until every preheated kernel has run its notebook;
2. **arrival**: N trainees open the plan's first notebook within ``--arrival`` seconds (seeded
   random arrival times); each one loads the page over HTTP and opens the kernel's websocket
   (as the page does) and asks the kernel for ``kernel_info``: the page works when the kernel
   answers. ``--browsers`` of them are real headless Chromium pages (Debian's) that also sign in
   through the sign-in widget, proving the widgets work during the rush;
3. **move**: the class moves to the plan's next notebook together: each page is left (its kernel
   shut down, as Voilà's page does on leaving) and the next one opened, within ``--arrival``
   seconds again.

Reported per phase: time to a working page (p50, p95, max) and how many pages failed; server CPU
seconds (the server and every kernel) per trainee; memory (PSS of the server and every kernel,
so shared library pages are not counted twice) at its peak, per trainee; the warm-up time. Every request has a
timeout and every loop a bound: the benchmark stops by itself. Nothing here is asserted.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO))

import yingsu_browser as yb  # noqa: E402

# the day's first two lessons (as in the half-day plan): the class opens the first, then moves on
PLAN = """title: 容量测试
sessions:
  - {minutes: 30, topic: 导览, lessons: ["00"]}
  - {minutes: 60, topic: 答辩举证, lessons: ["02"]}
"""
PAGE_TIMEOUT = 900  # seconds: one page may wait this long before it counts as failed
KERNEL_ID = re.compile(r'"kernelId": "([-\w]+)"')


def pss_mb(pid: int) -> float:
    """Proportional set size of a process (shared pages split between their users), MB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Machine:
    """CPU seconds and memory (PSS) of the server and all its kernels, sampled every second."""

    def __init__(self, pid: int):
        self.server = psutil.Process(pid)
        self.peak_mb = 0.0
        self._kernel_cpu: dict[int, float] = {}  # pid → CPU seconds last seen (kept after it exits)

    def _children(self):
        try:
            return self.server.children(recursive=True)
        except psutil.Error:
            return []

    def cpu(self) -> float:
        """CPU seconds so far: the server and every kernel it has started (live or exited)."""
        for child in self._children():
            try:
                self._kernel_cpu[child.pid] = sum(child.cpu_times()[:2])
            except psutil.Error:
                pass
        try:
            own = sum(self.server.cpu_times()[:2])
        except psutil.Error:
            own = 0.0
        return own + sum(self._kernel_cpu.values())

    def memory_mb(self) -> float:
        return pss_mb(self.server.pid) + sum(pss_mb(c.pid) for c in self._children())

    def sample(self) -> float:
        now = self.memory_mb()
        self.peak_mb = max(self.peak_mb, now)
        return now

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            self.cpu()
            await asyncio.sleep(1)


async def open_page(http, ws_base: str, base: str, token: str, notebook: str):
    """Load a notebook page and get its kernel to answer; (seconds, kernel id, websocket)."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    started = time.monotonic()
    url = f"{base}voila/render/{urllib.parse.quote(notebook)}?token={token}"
    response = await http.fetch(HTTPRequest(url, request_timeout=PAGE_TIMEOUT, connect_timeout=60))
    html = response.body.decode()
    found = KERNEL_ID.search(html)
    if not found or "教室已满" in html:
        raise RuntimeError("no kernel in the page")
    kernel = found.group(1)
    session = uuid.uuid4().hex
    ws = await websocket_connect(f"{ws_base}api/kernels/{kernel}/channels?session_id={session}&token={token}",
                                 connect_timeout=60)
    msg_id = uuid.uuid4().hex
    ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "kernel_info_request", "username": "bench",
                   "session": session, "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": []}))
    deadline = time.monotonic() + PAGE_TIMEOUT
    while time.monotonic() < deadline:
        raw = await asyncio.wait_for(ws.read_message(), timeout=PAGE_TIMEOUT)
        if raw is None:
            raise RuntimeError("websocket closed")
        if isinstance(raw, str):
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") == msg_id and msg["header"]["msg_type"] == "kernel_info_reply":
                return time.monotonic() - started, kernel, ws
    raise RuntimeError("no kernel_info_reply")


async def leave_page(http, base: str, token: str, kernel: str, ws) -> None:
    """What Voilà's page does when it is left: close the websocket, shut the kernel down (on a
    client of its own, as a browser's beacon does not queue behind the pages' requests)."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    ws.close()
    beacon = AsyncHTTPClient(force_instance=True)
    try:
        await beacon.fetch(HTTPRequest(f"{base}voila/api/shutdown/{kernel}?token={token}", method="POST",
                                       body=b"", request_timeout=60, connect_timeout=60))
    except Exception:  # noqa: BLE001 (already gone)
        pass
    finally:
        beacon.close()


async def browser_trainee(pw_browser, base: str, token: str, notebook: str, n: int) -> float:
    """A real Chromium page: load, see the sign-in, sign in; seconds to a working page."""
    context = await pw_browser.new_context(viewport=yb.VIEWPORT, locale="zh-CN")
    try:
        page = await context.new_page()
        started = time.monotonic()
        response = await page.goto(f"{base}voila/render/{urllib.parse.quote(notebook)}?token={token}",
                                   wait_until="domcontentloaded", timeout=PAGE_TIMEOUT * 1000)
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        sign_in = page.locator(".yingsu-sign-in")
        await sign_in.get_by_placeholder("姓名").fill(f"浏览器学员{n}", timeout=PAGE_TIMEOUT * 1000)
        await sign_in.get_by_role("button", name="签到").click()
        await page.locator(".yingsu-signed-in").wait_for(timeout=60_000)
        seconds = time.monotonic() - started
        await page.goto("about:blank")  # the trainee leaves: the page shuts its kernel down
        return seconds
    finally:
        await context.close()


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


async def phase(http, ws_base, base, token, notebook, n, arrival, rng, machine, pw_browser, browsers,
                previous=None):
    """N trainees open `notebook` within `arrival` seconds (leaving `previous` pages first)."""
    times, failures, kept = [], [], [None] * n
    browser_times = []
    cpu0 = machine.cpu()
    starts = sorted(rng.uniform(0, arrival) for _ in range(n))
    t0 = time.monotonic()

    async def one(i, at):
        await asyncio.sleep(max(0.0, at - (time.monotonic() - t0)))
        if previous and previous[i]:
            await leave_page(http, base, token, *previous[i])
        try:
            if pw_browser is not None and i < browsers:
                browser_times.append(await browser_trainee(pw_browser, base, token, notebook, i))
            else:
                seconds, kernel, ws = await open_page(http, ws_base, base, token, notebook)
                times.append(seconds)
                kept[i] = (kernel, ws)
        except Exception as exc:  # noqa: BLE001 (counted and shown)
            failures.append(f"{type(exc).__name__}: {exc}"[:120])

    await asyncio.gather(*(one(i, at) for i, at in enumerate(starts)))
    machine.sample()
    return {
        "pages": len(times) + len(browser_times), "failed": len(failures), "failures": failures[:3],
        "p50": percentile(times + browser_times, 50), "p95": percentile(times + browser_times, 95),
        "max": max(times + browser_times, default=float("nan")),
        "browser_max": max(browser_times, default=None),
        "cpu_seconds": machine.cpu() - cpu0, "wall_seconds": time.monotonic() - t0,
    }, kept


async def run_class(n: int, args, pw_browser) -> dict:
    home = Path(tempfile.mkdtemp(prefix=f"bench-classroom-{n}-"))
    plan = Path(args.plan) if args.plan else home / "plan.yaml"
    if not args.plan:
        plan.write_text(PLAN, encoding="utf-8")
    port, token = yb.free_port(), secrets.token_hex(24)
    (home / "datasets").symlink_to(REPO / "datasets", target_is_directory=True)
    lines = [ln for ln in yb.make_dry_run("classroom", PLAN=str(plan), CLASSROOM=str(home / "classroom"),
                                          PORT=str(port), TOKEN=token, LAB_PORT="0", CLASS=str(n),
                                          STORE=str(home / "answers.sqlite3"))
             if "yingsu_training.classroom" in ln]
    build, serve = (shlex.split(ln) for ln in lines)
    env = yb.jupyter_env(home)
    subprocess.run(build, env=env, cwd=REPO, check=True, capture_output=True)
    notebooks = json.loads((home / "classroom" / "课程安排.json").read_text(encoding="utf-8"))["notebooks"]
    first, second = notebooks[0]["file"], notebooks[1]["file"]
    started = time.monotonic()
    server = yb._spawn("课堂", serve, env, REPO, home / "classroom.log", port, token)
    machine = Machine(server.process.pid)
    stop = asyncio.Event()
    watcher = asyncio.ensure_future(machine.watch(stop))
    try:
        deadline = time.monotonic() + args.warmup_timeout
        status = None
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError("server exited:\n" + server.log_tail())
            try:
                _, status = server.request("GET", "yingsu/status")
                if status["ready"]:
                    break
            except OSError:
                pass
            await asyncio.sleep(2)
        warmup = time.monotonic() - started
        pooled = status["pooled"] if status else None
        cpu_warm = machine.cpu()
        memory_warm = machine.sample()

        from tornado.httpclient import AsyncHTTPClient

        AsyncHTTPClient.configure(None, max_clients=max(10, n + 5))
        http = AsyncHTTPClient()
        base, ws_base = server.base, server.base.replace("http://", "ws://")
        rng = random.Random(2025 + n)
        arrive, kept = await phase(http, ws_base, base, token, first, n, args.arrival, rng, machine,
                                   pw_browser, args.browsers)
        await asyncio.sleep(args.pause)
        move, kept2 = await phase(http, ws_base, base, token, second, n, args.arrival, rng, machine,
                                  pw_browser, args.browsers, previous=kept)
        for item in kept2:
            if item:
                await leave_page(http, base, token, *item)
        return {"trainees": n, "pooled": pooled, "warmup_seconds": warmup, "warmup_cpu": cpu_warm,
                "memory_after_warmup_mb": memory_warm, "peak_memory_mb": machine.peak_mb,
                "arrive": arrive, "move": move}
    finally:
        stop.set()
        await watcher
        server.stop()
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)


def table(results: list[dict]) -> str:
    rows = ["| 学员 | 预热内核 | 预热用时 | 打开第一课 p50 / p95 / 最长 | 一起进入下一课 p50 / p95 / 最长 | 失败 | 每人 CPU 秒 | 峰值内存 | 每人内存 |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        a, m = r["arrive"], r["move"]
        cpu = (r["warmup_cpu"] + a["cpu_seconds"] + m["cpu_seconds"]) / r["trainees"]
        rows.append(
            f"| {r['trainees']} | {r['pooled']} | {r['warmup_seconds']:.0f} 秒 | "
            f"{a['p50']:.1f} / {a['p95']:.1f} / {a['max']:.1f} 秒 | {m['p50']:.1f} / {m['p95']:.1f} / {m['max']:.1f} 秒 | "
            f"{a['failed'] + m['failed']} | {cpu:.1f} | {r['peak_memory_mb'] / 1024:.1f} GB | "
            f"{r['peak_memory_mb'] / r['trainees']:.0f} MB |")
    return "\n".join(rows)


async def main_async(args) -> list[dict]:
    results = []
    pw = browser = None
    if args.browsers and yb.CHROMIUM.exists():
        from playwright.async_api import async_playwright

        pw = await async_playwright().start()
        browser = await pw.chromium.launch(executable_path=str(yb.CHROMIUM), headless=True, args=yb.CHROMIUM_ARGS)
    try:
        for n in args.trainees:
            r = await run_class(n, args, browser)
            results.append(r)
            print(json.dumps(r, ensure_ascii=False, default=float), flush=True)
    finally:
        if browser is not None:
            await browser.close()
            await pw.stop()
    return results


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trainees", type=int, nargs="+", default=[10, 50, 150])
    ap.add_argument("--arrival", type=float, default=60, help="trainees arrive within this many seconds")
    ap.add_argument("--pause", type=float, default=5, help="seconds between the arrival and the move")
    ap.add_argument("--browsers", type=int, default=3, help="real Chromium pages among the trainees")
    ap.add_argument("--plan", default="", help="plan file (default: the half-day plan's first two lessons)")
    ap.add_argument("--warmup-timeout", type=float, default=1800)
    ap.add_argument("--keep", action="store_true", help="keep each run's folder (server log, answers)")
    args = ap.parse_args(argv)
    results = asyncio.run(main_async(args))
    print()
    print(f"机器：{psutil.cpu_count()} 核，{psutil.virtual_memory().total / 2**30:.0f} GB 内存")
    print(table(results))


if __name__ == "__main__":
    main()
