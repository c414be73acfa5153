"""nbval for the lessons: pytest collects every ``notebooks/NN-名称.md`` and the lesson template
``notebooks/_模板.md`` (MyST markdown, read
through jupytext) and runs it top to bottom in a kernel whose working directory is notebooks/,
exactly as nbval runs an .ipynb (a cell that raises fails the suite; cells marked
``# NBVAL_CHECK_OUTPUT`` must also match their stored output)."""
from __future__ import annotations

import fnmatch
from collections import defaultdict

from nbval.plugin import IPyNbCell, IPyNbFile, find_comment_markers, find_metadata_tags

from yingsu_training.lessons import LESSON_GLOB, TEMPLATE, read_lesson


class LessonFile(IPyNbFile):
    """A lesson source under nbval: the notebook comes from jupytext instead of nbformat."""

    def collect(self):
        self.nb = read_lesson(self.path)
        code_cells = [c for c in self.nb.cells if c.cell_type == "code"]
        for num, cell in enumerate(code_cells):
            options = defaultdict(bool, find_metadata_tags(cell.metadata))
            options.update(dict(find_comment_markers(cell.source)))
            options.setdefault("check", self.compare_outputs)
            yield IPyNbCell.from_parent(self, name=f"Cell {num}", cell_num=num, cell=cell, options=options)


def pytest_collect_file(file_path, parent):
    opt = parent.config.option
    if ((opt.nbval or opt.nbval_lax) and file_path.parent.name == "notebooks"
            and (fnmatch.fnmatch(file_path.name, LESSON_GLOB) or file_path.name == TEMPLATE.name)):
        return LessonFile.from_parent(parent, path=file_path)
    return None
