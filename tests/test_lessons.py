"""The lessons as files: finding them, a new lesson from the template, building an .ipynb."""
import pytest

from yingsu_training.cli import main
from yingsu_training.lessons import (LessonError, LessonNotFound, TEMPLATE, find_lesson, lesson_files,
                                     lesson_meta, new_lesson, read_lesson)


def test_a_lesson_is_found_by_its_number_its_name_or_its_path():
    lesson = lesson_files()[2]
    assert find_lesson("02") == find_lesson("02-答辩举证") == find_lesson(str(lesson)) == lesson
    with pytest.raises(LessonNotFound, match="找不到课程 99"):
        find_lesson("99")


def test_a_new_lesson_is_the_template_with_its_title_and_clauses_filled_in(tmp_path):
    path = new_lesson("12-本单位案例", title="本单位的答辩与出庭", clauses=["3.2", "4.2"], folder=tmp_path)
    assert path == tmp_path / "12-本单位案例.md"
    assert lesson_meta(path) == {"file": path.name, "title": "本单位的答辩与出庭", "clauses": ["3.2", "4.2"]}
    nb, template = read_lesson(path), read_lesson(TEMPLATE)
    assert nb.cells[0].source.startswith("# 本单位的答辩与出庭")
    assert "CLAUSES = ['3.2', '4.2']" in "".join(c.source for c in nb.cells)
    assert len(nb.cells) == len(template.cells) and "编写规则" in nb.cells[0].source


BAD_NEW = [  # (what, arguments, phrase in the error)
    ("a name without its number", ["本单位案例"], "两位编号-名称"),
    ("a clause the opinion does not have", ["12-x", "--clauses", "3.2,13.1"], "没有这些条款：13.1"),
]


@pytest.mark.parametrize("what, args, phrase", BAD_NEW, ids=[b[0] for b in BAD_NEW])
def test_yingsu_lesson_new_refuses_in_chinese(what, args, phrase, capsys):
    assert main(["lesson", "new", *args]) == 2
    assert phrase in capsys.readouterr().err


def test_a_new_lesson_never_overwrites_a_file(tmp_path):
    new_lesson("12-x", folder=tmp_path)
    with pytest.raises(LessonError, match="文件已存在"):
        new_lesson("12-x", folder=tmp_path)


def test_yingsu_lesson_build_writes_the_ipynb_where_it_is_told(tmp_path, capsys):
    assert main(["lesson", "build", "02", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "02-答辩举证.ipynb").is_file() and "02-答辩举证.ipynb" in capsys.readouterr().out
