"""The lessons: one MyST-markdown source per lesson (``notebooks/NN-名称.md``), read by jupytext.

A lesson is the file an instructor opens in JupyterLab (jupytext shows it as a notebook), edits,
runs and saves. Where a tool needs an ``.ipynb`` (Voilà's classroom, a printed handout), it is
built from the source with :func:`build_ipynb`, never committed. The lesson's clauses and title
are its front-matter metadata ``yingsu: {title, clauses}``.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the lessons' folder (the kernel's working directory when a lesson runs)
LESSONS_DIR = ROOT / "notebooks"
#: where built .ipynb go: one folder below the project, like notebooks/, so that a lesson's
#: relative paths (``../datasets``) mean the same there
BUILD_DIR = ROOT / "build"
LESSON_GLOB = "[0-9][0-9]-*.md"
FORMAT = "md:myst"


def lesson_files(folder: Path | None = None) -> list[Path]:
    """The lessons, in teaching order (``NN-名称.md``)."""
    return sorted(Path(folder or LESSONS_DIR).glob(LESSON_GLOB))


def read_lesson(src):
    """A lesson source as an nbformat notebook (jupytext)."""
    import jupytext

    return jupytext.read(Path(src), fmt=FORMAT)


def write_lesson(nb, dest) -> Path:
    """Write a notebook as a lesson source (MyST markdown, no outputs)."""
    import jupytext

    dest = Path(dest)
    dest.write_text(jupytext.writes(nb, fmt=FORMAT), encoding="utf-8")
    return dest


def _front_matter(path: Path) -> dict:
    """The lesson's YAML front matter (between the leading ``---`` lines), read with PyYAML alone:
    every kernel that lists lessons (the clause browser, the 学习进度 view) reads it, and
    importing jupytext (nbformat, jsonschema) for it cost each classroom kernel seconds of CPU."""
    import yaml

    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    data = yaml.safe_load(text[3:end]) if end > 0 else None
    return data if isinstance(data, dict) else {}


def lesson_meta(src) -> dict:
    """``{"file", "title", "clauses"}`` of a lesson, from its front matter."""
    path = Path(src)
    meta = _front_matter(path).get("yingsu") or {}
    return {"file": path.name, "title": meta.get("title", path.stem),
            "clauses": [str(c) for c in meta.get("clauses", [])]}


def lesson_index(folder: Path | None = None) -> list[dict]:
    """Every lesson with the clauses it declares."""
    return [lesson_meta(p) for p in lesson_files(folder)]


def lessons_for(clause_id: str, folder: Path | None = None) -> list[str]:
    """File names of the lessons that declare this clause."""
    return [nb["file"] for nb in lesson_index(folder) if str(clause_id) in nb["clauses"]]


def build_ipynb(src, dest=None) -> Path:
    """Build the ``.ipynb`` of a lesson (without outputs) and return its path.

    ``dest`` is a file name, or a folder (existing, or written with a trailing slash) that gets
    ``<lesson>.ipynb``; by default :data:`BUILD_DIR`. Lessons read ``../datasets``: build into a
    folder one level below the project (as ``build/`` is) so that the path still holds.
    """
    import nbformat

    src = Path(src)
    dest = Path(dest) if dest is not None else BUILD_DIR
    if dest.is_dir() or str(dest).endswith(("/", "\\")) or dest.suffix != ".ipynb":
        dest = dest / (src.stem + ".ipynb")
    nb = read_lesson(src)
    nb.metadata.pop("jupytext", None)
    nb.metadata.setdefault("language_info", {"name": "python"})
    nbformat.validate(nb)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    tmp.replace(dest)
    return dest


class LessonNotFound(LookupError):
    """No lesson matches what the user named (the message is Chinese)."""


def find_lesson(ref) -> Path:
    """A lesson named by its path, its file name or its number (``02`` → ``02-答辩举证.md``)."""
    path = Path(str(ref))
    if path.is_file():
        return path
    matches = [p for p in lesson_files() if p.name == str(ref) or p.stem == str(ref)
               or p.name.split("-", 1)[0] == str(ref)]
    if len(matches) == 1:
        return matches[0]
    known = "、".join(p.stem for p in lesson_files())
    raise LessonNotFound(f"找不到课程 {ref}：请给出课程文件的路径或编号（现有：{known}）")


#: the lesson template: its cells carry the authoring rules (``yingsu lesson new`` copies it)
TEMPLATE = LESSONS_DIR / "_模板.md"


class LessonError(ValueError):
    """A lesson cannot be made as asked (the message is Chinese)."""


def new_lesson(name: str, title: str | None = None, clauses=None, folder: Path | None = None) -> Path:
    """Copy the template to ``<folder>/<name>.md`` with its title and clauses filled in.

    ``name`` is ``NN-名称`` (two digits, a hyphen, a name); an existing file is never overwritten.
    """
    import re

    from .opinion import load_opinion

    name = str(name).removesuffix(".md")
    if not re.fullmatch(r"\d\d-[^\s/\\]+", name):
        raise LessonError(f"课程文件名应为“两位编号-名称”，如 12-本单位案例：{name}")
    dest = Path(folder or LESSONS_DIR) / f"{name}.md"
    if dest.exists():
        raise LessonError(f"文件已存在：{dest}（不会覆盖，请换一个名称）")
    opinion = load_opinion()
    clauses = [str(c).strip() for c in (clauses or ["3.2"]) if str(c).strip()]
    unknown = [c for c in clauses if c not in opinion]
    if unknown:
        raise LessonError(f"没有这些条款：{'、'.join(unknown)}（条款编号如 3.2 即三（二），1 即第一部分）")
    title = title or name.split("-", 1)[1]
    nb = read_lesson(TEMPLATE)
    nb.metadata["yingsu"] = {"clauses": clauses, "title": title}
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# 课程标题"):
            cell.source = cell.source.replace("# 课程标题", f"# {title}", 1)
        if cell.cell_type == "code" and "show_clauses(CLAUSES)" in cell.source:
            cell.source = re.sub(r"CLAUSES = \[.*?\]", f"CLAUSES = {clauses!r}", cell.source, count=1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    return write_lesson(nb, dest)
