"""Reading exercise files: YAML with the line of every node kept, parsed safely.

An exercise is plain data: it is read with PyYAML's *safe* loader (no tags that build objects,
nothing in the file is ever executed). Besides the data we keep, for every path into the
document (``("questions", 0, "key")``), the 1-based line it starts on, so every problem can be
reported as ``文件：第N行：…``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple  # a path into the document: keys (str) and list indices (int)

KIND_ALIASES = {
    "single": "single", "单选": "single", "单选题": "single",
    "multiple": "multiple", "多选": "multiple", "多选题": "multiple",
    "true_false": "true_false", "判断": "true_false", "判断题": "true_false",
    "date": "date", "日期": "date", "日期题": "date",
    "number": "number", "数字": "number", "计算": "number", "计算题": "number",
    "open": "open", "论述": "open", "论述题": "open", "讨论": "open", "开放": "open",
}
KIND_ZH = {"single": "单选题", "multiple": "多选题", "true_false": "判断题", "date": "日期题",
           "number": "计算题", "open": "论述题"}
DIFFICULTY_ALIASES = {"入门": 1, "进阶": 2, "挑战": 3, 1: 1, 2: 2, 3: 3}
DIFFICULTY_ZH = {1: "入门", 2: "进阶", 3: "挑战"}

#: environment variable naming the folder of exercises (default: ``exercises/`` of the project)
ENV_EXERCISES_DIR = "YINGSU_EXERCISES_DIR"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


#: the largest exercise or set file read (the bank's files are a few kilobytes)
MAX_FILE_BYTES = 512 * 1024
#: the deepest nesting of lists and mappings an exercise may have (the bank's is about 6)
MAX_DEPTH = 40


class _Refused(Exception):
    """A document refused while it is composed (before anything is built from it)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


class _Loader(yaml.SafeLoader):
    """The safe loader, leaving dates as text (a bad date is reported with its line, not a
    crash; the loader's own checks parse them). A subclass, so nothing global is modified.

    It refuses, at the first offending node, what an exercise never needs and an attack uses:
    aliases (``*name``: the "billion laughs" expand exponentially, a self-referencing alias
    never ends) and nesting deeper than :data:`MAX_DEPTH`."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark.line + 1,
                           f"不能使用 YAML 别名（*{event.anchor}）：练习文件中的每一项请直接写出，"
                           f"不要用锚点（&）和别名（*）引用别处的内容")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()
                raise _Refused(event.start_mark.line + 1,
                               f"嵌套层数超过 {MAX_DEPTH} 层：练习文件不需要这么深的结构，请检查缩进和括号")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """A YAML document with its data and the line of every node."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)  # line of the *key* of a mapping entry
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line(self, path: Path_ = ()) -> int:
        """The line of ``path``, or of its nearest ancestor that exists (1 for the whole file)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def key_line(self, path: Path_) -> int:
        path = tuple(path)
        return self.key_lines.get(path) or self.line(path)


class YamlSyntaxError(ValueError):
    def __init__(self, file: str, line: int, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}：第{line}行：{message}")


def load_located(path: str | Path, text: str | None = None) -> Located:
    """Parse a YAML file safely, keeping the line of each node. Raises :class:`YamlSyntaxError`."""
    file = str(path)
    if text is None:
        p = Path(path)
        if p.is_dir():
            raise YamlSyntaxError(file, 1, "这是文件夹，不是练习文件（.yaml）：请指定文件夹中的某个文件，"
                                           "或用 yingsu exercise validate 检查整个文件夹")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlSyntaxError(file, 1, f"文件过大（{size / 1024 / 1024:.1f} MB），练习文件不超过 "
                                           f"{MAX_FILE_BYTES // 1024} KB：请确认这是练习文件")
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise YamlSyntaxError(file, 1, "文件不是 UTF-8 编码；请在编辑器中另存为 UTF-8") from None
    if len(text) > MAX_FILE_BYTES:
        raise YamlSyntaxError(file, 1, f"文件过大（{len(text):,} 个字符），练习文件不超过 "
                                       f"{MAX_FILE_BYTES // 1024} KB：请确认这是练习文件")
    deep = _flow_too_deep(text)
    if deep is not None:
        raise YamlSyntaxError(file, deep, f"括号嵌套超过 {MAX_DEPTH} 层：练习文件不需要这么深的结构，"
                                          f"请检查方括号和花括号")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(file, None, {(): 1})
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = f"{exc.context or ''} {exc.problem or ''}".strip()
        raise YamlSyntaxError(file, line, f"YAML 格式错误（{what}）；请检查缩进、冒号和引号") from None
    except yaml.YAMLError as exc:  # pragma: no cover - other YAML errors carry no mark
        raise YamlSyntaxError(file, 1, f"YAML 格式错误（{exc}）") from None
    except _Refused as exc:
        raise YamlSyntaxError(file, exc.line, exc.message) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before this
        raise YamlSyntaxError(file, 1, "文件结构嵌套过深，无法读取") from None
    finally:
        loader.dispose()
    located = Located(file, data)
    _walk(node, (), located, _Loader(""))
    return located


def _flow_too_deep(text: str) -> int | None:
    """The line where ``[``/``{`` brackets first nest deeper than :data:`MAX_DEPTH`, or None.

    Checked on the text before parsing: PyYAML's scanner looks ahead to the end of a flow
    collection, so ``[[[[…`` a hundred thousand deep would take seconds to refuse while parsing."""
    import numpy as np

    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    step = (np.isin(data, (ord("["), ord("{"))).astype(np.int32)
            - np.isin(data, (ord("]"), ord("}"))).astype(np.int32))
    if not step.any():
        return None
    depth = np.cumsum(step)
    over = np.flatnonzero(depth > MAX_DEPTH)
    if not len(over):
        return None
    return int(np.count_nonzero(data[:over[0]] == ord("\n"))) + 1


def _walk(node, path: Path_, out: Located, constructor: yaml.SafeLoader) -> None:
    out.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        out.lines[path] += 1  # a block scalar's text starts on the line after "|"
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = constructor.construct_object(key_node)
            try:
                hash(key)
            except TypeError:  # pragma: no cover
                continue
            child = path + (key,)
            if key in seen:
                out.duplicates.append((child, key_node.start_mark.line + 1))
            seen[key] = True
            out.key_lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, out, constructor)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), out, constructor)


# ---------------------------------------------------------------------------------------------
# where exercises live

def exercises_dir() -> Path:
    """The folder of exercises: ``$YINGSU_EXERCISES_DIR``, else ``./exercises`` if present, else
    the project's ``exercises/``."""
    env = os.environ.get(ENV_EXERCISES_DIR)
    if env:
        return Path(env)
    for cand in (Path.cwd() / "exercises", Path.cwd().parent / "exercises"):
        if cand.is_dir() and any(cand.glob("*.yaml")):
            return cand
    return PROJECT_ROOT / "exercises"


def exercise_files(folder: Path | None = None) -> list[Path]:
    folder = folder or exercises_dir()
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def set_files(folder: Path | None = None) -> list[Path]:
    folder = folder or exercises_dir()
    return sorted((folder / "sets").glob("*.yaml"))


def find_exercise(path_or_id: str | Path) -> Path:
    """Resolve an exercise id (``defence-national-day``) or a path to its file."""
    p = Path(path_or_id)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    folder = exercises_dir()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(path_or_id)):
        # an id names a file of the exercises folder, never a path outside it ("../../x")
        raise FileNotFoundError(2, f"练习编号“{path_or_id}”写法不对：只能用小写字母、数字和连字符"
                                   f"（如 defence-national-day-2025）", str(path_or_id))
    cand = folder / f"{path_or_id}.yaml"
    if cand.exists():
        return cand
    known = ", ".join(f.stem for f in exercise_files(folder)) or "（无）"
    raise FileNotFoundError(2, f"找不到练习“{path_or_id}”（在 {folder} 中查找；已有：{known}）",
                            str(cand))
