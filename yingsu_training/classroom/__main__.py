"""``python -m yingsu_training.classroom build|serve`` (what ``make classroom`` runs)."""
from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

from ..store import ENV_STORE
from ..widgets.live import ENV_CLASSROOM
from .roster import ENV_ROSTER, RosterError, read_roster
from .shared import CACHE_DIR, ENV_SHARED


def _build(argv: list[str]) -> int:
    from .build import build_classroom
    from .plan import PlanError, load_plan

    ap = argparse.ArgumentParser(prog="python -m yingsu_training.classroom build",
                                 description="生成今天课堂的笔记本文件夹（按课程安排）")
    ap.add_argument("--plan", default="", help="课程安排文件，或内置安排的名称（默认：半天）")
    ap.add_argument("--out", default="classroom", help="课堂文件夹（默认：classroom）")
    args = ap.parse_args(argv)
    try:
        plan = load_plan(args.plan or None)
        out = build_classroom(plan, Path(args.out))
    except PlanError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"课堂文件夹 {out}/：{plan.title}，{len(plan.items)} 个笔记本（" +
          "、".join(Path(it.notebook).stem for it in plan.items) + "）")
    return 0


def lab_command(port: int, token: str) -> list[str]:
    """The instructor's own JupyterLab beside the classroom: this computer only, the lessons."""
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           "--ServerApp.root_dir=notebooks", "--LabApp.default_url=/lab/tree/00-导览.md",
           "--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    return cmd


def _lab(port: int, token: str) -> subprocess.Popen:
    cmd = lab_command(port, token)
    print(f"教员的 JupyterLab（只在本机打开，不要发给学员）：http://127.0.0.1:{port}/lab?token={token}", flush=True)
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL)


def _serve(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m yingsu_training.classroom serve", add_help=False)
    ap.add_argument("folder")
    ap.add_argument("--roster", default="")
    ap.add_argument("--store", default="")
    ap.add_argument("--lab-port", type=int, default=0)
    ours, rest = ap.parse_known_args(argv)
    if ours.roster:
        try:
            people = read_roster(ours.roster)
        except (RosterError, FileNotFoundError) as exc:
            print(f"名单：{exc}", file=sys.stderr)
            return 2
        os.environ[ENV_ROSTER] = str(Path(ours.roster).resolve())
        print(f"名单：{len(people)} 人（{ours.roster}）；不在名单上的签到会标出，供教员核对。", flush=True)
    # every trainee kernel writes to one answer store, outside the rebuilt classroom folder
    store = ours.store or os.environ.get(ENV_STORE) or str(Path("answers") / "answers.sqlite3")
    os.environ[ENV_STORE] = str(Path(store).resolve())
    Path(os.environ[ENV_STORE]).parent.mkdir(parents=True, exist_ok=True)
    print(f"答案库：{os.environ[ENV_STORE]}", flush=True)
    lab = _lab(ours.lab_port, secrets.token_urlsafe(24)) if ours.lab_port else None
    # what every trainee's kernel would compute alike is computed once and read from here
    # (emptied by each build; the instructor's JupyterLab, started above, computes for itself)
    os.environ[ENV_SHARED] = str((Path(ours.folder) / CACHE_DIR).resolve())
    # trainees' kernels (not the instructor's JupyterLab): quizzes and the case discussion wait
    # for the instructor's reveal on the 教员看板 page
    os.environ[ENV_CLASSROOM] = "1"
    try:
        from .app import ClassroomApp

        ClassroomApp.launch_instance(argv=[ours.folder, *rest])
    finally:
        if lab is not None:
            lab.terminate()
            try:
                lab.wait(timeout=15)
            except subprocess.TimeoutExpired:
                lab.kill()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("build", "serve"):
        print("用法：python -m yingsu_training.classroom build [--plan 文件] [--out 文件夹]\n"
              "      python -m yingsu_training.classroom serve 文件夹 [--class-size N] [--roster 名单.xlsx] …",
              file=sys.stderr)
        return 2
    return _build(argv[1:]) if argv[0] == "build" else _serve(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
