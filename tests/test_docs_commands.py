"""The commands the docs and the lessons tell a user to type work as written from a fresh clone:
the kit's command is written with its path (.venv/bin/yingsu; `yingsu` alone is not on the PATH
outside the virtual environment), and every one names a sub-command and options that exist."""
import re
import shlex
from pathlib import Path

import pytest

from yingsu_training.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*ROOT.glob("docs/*.md"), ROOT / "README.md", ROOT / "exercises" / "README.md",
                *ROOT.glob("notebooks/*.md")])


def shell_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, command) of the shell code blocks of a page (not a lesson's code cells);
    backslash continuations joined, comments dropped."""
    out, fence, pending = [], None, None
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = None if fence else ("code" if stripped.startswith("```{code-cell}") else "shell")
            continue
        if fence != "shell":
            continue
        text = re.sub(r"\s+#\s.*$", "", stripped)
        if pending:
            pending = (pending[0], pending[1] + " " + text.rstrip("\\").strip())
        else:
            pending = (no, text.rstrip("\\").strip())
        if not text.endswith("\\"):
            out.append(pending)
            pending = None
    return out


COMMANDS = [(p, no, cmd) for p in PAGES for no, cmd in shell_lines(p)]
KIT = [(p, no, cmd) for p, no, cmd in COMMANDS if re.match(r"^(\$ )?(\S*/)?yingsu\s", cmd)]


def test_the_pages_show_commands_of_the_kit():
    assert len(KIT) > 20


@pytest.mark.parametrize("path, no, cmd", KIT, ids=[f"{p.name}:{n}" for p, n, _ in KIT])
def test_a_command_of_the_kit_is_written_with_its_path_and_parses(path, no, cmd):
    synopsis = re.sub(r"\s*\[[^\]]*\]", "", cmd)  # a usage line: [optional parts] left out
    words = shlex.split(synopsis.removeprefix("$ "))
    assert words[0] == ".venv/bin/yingsu", \
        f"{path.name} 第{no}行：写成 .venv/bin/yingsu（虚拟环境外没有 yingsu 命令）：{cmd}"
    try:
        build_parser().parse_args(words[1:])
    except SystemExit:
        pytest.fail(f"{path.name} 第{no}行：命令写法与 yingsu 的参数不符：{cmd}")
