"""Validation: every broken exercise fails with its file and line; keys must agree with the rules."""
import re
from pathlib import Path

import pytest

from yingsu_training.cli import main
from yingsu_training.exercises import check_file
from yingsu_training.exercises.skeleton import skeleton

BAD = Path(__file__).parent / "bad_exercises"
BAD_FILES = sorted(BAD.glob("*.yaml"))


def _expectation(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# expect: (\d+): (.+)", first)
    assert m, f"{path.name} has no '# expect: <line>: <message>' first line"
    return int(m[1]), m[2]


def test_the_broken_corpus_covers_the_mistakes_authors_make():
    names = {p.stem for p in BAD_FILES}
    assert {"bad-yaml-syntax", "unknown-clause", "key-not-an-option", "missing-points",
            "unknown-column", "key-contradicts-checker", "wrong-status-key"} <= names


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_every_broken_exercise_fails_naming_its_file_and_line(path):
    line, fragment = _expectation(path)
    ex, problems = check_file(path)
    assert ex is None
    assert any(p.line == line and fragment in p.message for p in problems), \
        [str(p) for p in problems]
    assert all(p.file == str(path) for p in problems)
    assert any(str(p).startswith(f"{path}：第{line}行：") for p in problems)


def test_a_key_contradicting_the_checker_names_the_question_and_both_answers():
    _, problems = check_file(BAD / "key-contradicts-checker.yaml")
    text = " ".join(p.message for p in problems)
    assert "第1题（q1）" in text and "2025年10月05日" in text and "2025年10月09日" in text


def test_validate_reports_every_problem_of_the_corpus_and_exits_non_zero(capsys):
    code = main(["exercise", "validate", str(BAD)])
    out = capsys.readouterr().out
    assert code == 1
    for path in BAD_FILES:
        line, _ = _expectation(path)
        assert f"{path}：第{line}行：" in out


def test_validate_of_a_good_exercise_exits_zero(capsys):
    root = Path(__file__).resolve().parents[1]
    assert main(["exercise", "validate", str(root / "exercises" / "defence-national-day-2025.yaml")]) == 0
    assert "全部通过" in capsys.readouterr().out


def test_new_writes_a_skeleton_that_is_valid_except_for_its_todo_markers(tmp_path, capsys):
    assert main(["exercise", "new", "my-first-case", "-d", str(tmp_path)]) == 0
    path = tmp_path / "my-first-case.yaml"
    _, problems = check_file(path)
    assert problems, "the TODO markers must be flagged"
    assert all("TODO" in p.message for p in problems)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all("TODO" in lines[p.line - 1] for p in problems)
    filled = path.read_text(encoding="utf-8").replace("TODO", "示例")
    path.write_text(filled, encoding="utf-8")
    assert check_file(path)[1] == []


def test_new_refuses_to_overwrite_and_rejects_bad_ids(tmp_path, capsys):
    (tmp_path / "x1.yaml").write_text("id: x1\n", encoding="utf-8")
    assert main(["exercise", "new", "x1", "-d", str(tmp_path)]) == 2
    assert main(["exercise", "new", "../evil", "-d", str(tmp_path)]) == 2
    assert "已存在" in capsys.readouterr().err


def test_nothing_in_an_exercise_file_is_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = skeleton("unsafe").replace(
        "title: TODO 练习标题（如：国庆长假前收到起诉状副本）",
        f"title: !!python/object/apply:os.system ['touch {marker}']")
    path = tmp_path / "unsafe.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_file(path)
    assert not marker.exists()
    assert problems and problems[0].message.startswith("YAML 格式错误")


def test_clause_ids_written_as_numbers_are_understood(tmp_path):
    text = skeleton("numbers").replace("TODO", "示例").replace('clauses: ["3.2", "4.2"]', "clauses: [3.2, 4.2]")
    text = text.replace('clause: "3.2"', "clause: 3.2")
    path = tmp_path / "numbers.yaml"
    path.write_text(text, encoding="utf-8")
    ex, problems = check_file(path)
    assert problems == []
    assert ex.clauses == ["3.2", "4.2"]


def test_a_duplicate_key_in_the_yaml_is_reported_on_its_line(tmp_path):
    text = skeleton("dup").replace("TODO", "示例").replace("difficulty: 入门", "difficulty: 入门\ndifficulty: 挑战")
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_file(path)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("difficulty: 挑战"))
    assert any(p.line == line and "重复" in p.message for p in problems)


def test_an_explicit_key_without_derive_is_still_checked_against_the_rules_when_derivable():
    for name, both in (("explicit-key-contradicts-checker", ("2025年10月13日", "2025年10月11日")),
                       ("explicit-violations-contradict-checker", ("三（二）", "一项也未选"))):
        _, problems = check_file(BAD / f"{name}.yaml")
        assert len(problems) == 1
        assert all(x in problems[0].message for x in both) and "第1题（q1）" in problems[0].message


def test_derive_none_opts_a_hypothetical_question_out_of_the_check(tmp_path):
    text = (BAD / "explicit-key-contradicts-checker.yaml").read_text(encoding="utf-8")
    text = text.replace("id: explicit-key-contradicts-checker", "id: hypothetical")
    text = text.replace("    key: 2025-10-13\n", "    key: 2025-10-13\n    derive: none\n")
    path = tmp_path / "hypothetical.yaml"
    path.write_text(text, encoding="utf-8")
    ex, problems = check_file(path)
    assert problems == []
    assert str(ex.key(ex.questions[0])) == "2025-10-13"


def test_a_number_keyed_from_the_parameter_table_must_agree_with_it(tmp_path):
    bank = Path(__file__).resolve().parents[1] / "exercises"
    text = (bank / "head-with-three-agents.yaml").read_text(encoding="utf-8").replace("    key: 2\n", "    key: 3\n")
    path = tmp_path / "head-with-three-agents.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_file(path)
    assert [p.message for p in problems if "q1" in p.message] == \
        ["第1题（q1）：写明的标准答案“3名”与检查规则推出的答案“2名”不一致"]


# ---------------------------------------------------------------------------------------------
# files that attack the parser; every problem in one round

def test_a_billion_laughs_exercise_is_refused_at_its_first_alias_in_bounded_time_and_memory():
    import time
    import tracemalloc

    tracemalloc.start()
    started = time.process_time()
    ex, problems = check_file(BAD / "billion-laughs.yaml")
    spent = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert ex is None and [p.line for p in problems] == [9]
    # not timing assertions of speed, but of a bound: an expansion would take minutes and gigabytes
    assert spent < 1.0 and peak < 20 * 1024 * 1024


@pytest.mark.parametrize("text,line,phrase", [
    ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "括号嵌套超过 40 层"),
    ("".join("  " * i + f"k{i}:\n" for i in range(300)), 40, "嵌套层数超过 40 层"),
    ("a: " + "很" * 300_000 + "\n", 1, "文件过大"),
])
def test_deep_or_huge_exercise_files_are_one_problem_naming_the_line(tmp_path, text, line, phrase):
    path = tmp_path / "attack.yaml"
    path.write_text(text, encoding="utf-8")
    ex, problems = check_file(path)
    assert ex is None and [(p.line, phrase in p.message) for p in problems] == [(line, True)]


def test_a_folder_given_as_an_exercise_or_a_set_is_a_problem_not_a_traceback(tmp_path, capsys):
    from yingsu_training.exercises import load_set
    from yingsu_training.exercises.core import ExerciseError
    from yingsu_training.exercises.sets import check_set_file

    folder = tmp_path / "paper.yaml"
    folder.mkdir()
    _, problems = check_file(folder)
    assert "文件夹" in problems[0].message
    _, problems = check_set_file(folder)
    assert "文件夹" in problems[0].message
    with pytest.raises(ExerciseError) as info:
        load_set(folder)
    assert "文件夹" in str(info.value)


def test_structure_fact_and_answer_problems_are_listed_together():
    _, problems = check_file(BAD / "structure-and-answer-problems-together.yaml")
    assert [p.line for p in problems] == [3, 15, 22]
    assert "缺少必填项" not in " ".join(p.message for p in problems)  # titel is one slip, said once


@pytest.mark.parametrize("eid", ["../../etc/passwd", "..", "A-Upper", "sub/dir", "x.yaml"])
def test_an_exercise_id_is_a_name_in_the_folder_never_a_path(tmp_path, eid):
    from yingsu_training.exercises.model import find_exercise
    from yingsu_training.exercises.sets import check_set_file

    with pytest.raises(FileNotFoundError, match="写法不对"):
        find_exercise(eid)
    sets = tmp_path / "sets"
    sets.mkdir()
    path = sets / "paper.yaml"
    path.write_text(f'id: paper\ntitle: 卷\nexercises: ["{eid}"]\n', encoding="utf-8")
    s, problems = check_set_file(path)
    assert s is None and [(p.line, "写法不对" in p.message) for p in problems] == [(3, True)]


# ---------------------------------------------------------------------------------------------
# a question's own hypothetical facts (``facts:`` under the question)

HYPOTHETICAL = """\
id: {id}
title: 假设情形
clauses: ["4.2", "4.3"]
difficulty: 入门
narrative: 两个假设情形。
as_of: 2025-12-31
facts:
  案号: （2025）渝0112行初1号
  被诉行政机关: 重庆市渝北区某局
  区县: 渝北区
  案件类别: 征收补偿
  收到起诉状副本日期: 2025-09-01
  提交答辩状日期: 2025-09-10
  提交证据依据日期: 2025-09-10
  已提交证据依据清单: 是
  开庭日期: 2025-10-20
  法院书面建议负责人出庭: 是
  负责人出庭: 否
  负责人有正当理由不能出庭并已提交情况说明: 否
  出庭工作人员人数: 1
  出庭律师人数: 0
  无正当理由拒不到庭: 否
  未经法庭许可中途退庭: 否
questions:
  - id: q1
    kind: 单选
    clause: "4.2"
    prompt: 负责人没有说明理由、未出庭。
    options: [{{value: compliant, text: 符合要求}}, {{value: violation, text: 不符合要求}}]
    key: violation
    derive: {{status: "4.2"}}
    points: 1
    feedback: {{right: 对, wrong: 错}}
  - id: q2
    kind: 单选
    clause: "4.2"
    prompt: 同一案件，负责人有正当理由不能出庭，已提交盖章的情况说明。
    options: [{{value: compliant, text: 符合要求}}, {{value: violation, text: 不符合要求}}]
    key: {q2_key}
    derive: {{status: "4.2"}}
    facts:
      负责人有正当理由不能出庭并已提交情况说明: {q2_fact}
    points: 1
    feedback: {{right: 对, wrong: 错}}
"""


def _hypothetical(tmp_path, **kw):
    values = {"id": "hypothetical-facts", "q2_key": "compliant", "q2_fact": "是", **kw}
    path = tmp_path / f"{values['id']}.yaml"
    path.write_text(HYPOTHETICAL.format(**values), encoding="utf-8")
    return path


def test_a_question_with_its_own_facts_is_answered_on_them_written_over_the_exercise_facts(tmp_path):
    ex, problems = check_file(_hypothetical(tmp_path))
    assert problems == []
    q1, q2 = ex.questions
    assert ex.key(q1) == "violation" and ex.key(q2) == "compliant"
    assert "已向人民法院提交情况说明" in ex.key_explanation(q2)
    assert "未提交有正当理由不能出庭的情况说明" in ex.key_explanation(q1)


def test_a_key_contradicting_the_rules_on_the_questions_own_facts_is_reported(tmp_path):
    _, problems = check_file(_hypothetical(tmp_path, q2_key="violation"))
    assert [p.message for p in problems] == [
        "第2题（q2）：写明的标准答案“不符合要求”与检查规则推出的答案“符合要求”不一致"]


def test_a_bad_cell_in_a_questions_own_facts_is_reported_on_its_line(tmp_path):
    path = _hypothetical(tmp_path, q2_fact="也许")
    _, problems = check_file(path)
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "也许" in t)
    assert len(problems) == 1 and problems[0].line == line
    assert problems[0].message.startswith("第2题（q2）的案件事实：") and "也许" in problems[0].message


def test_the_lesson_quizzes_hypothetical_cases_are_derived_by_the_rules():
    bank = Path(__file__).resolve().parents[1] / "exercises"
    derived = 0
    for name in ("lesson-03-quiz", "lesson-05-quiz"):
        ex, problems = check_file(bank / f"{name}.yaml")
        assert problems == []
        for q in ex.questions:
            if q.records:
                assert q.derive is not None and q.explicit_key is not None
                assert ex.key(q) == q.parse_answer(q.explicit_key)
                derived += 1
    assert derived == 7


def test_a_period_derived_for_a_2017_start_cites_the_period_rule_of_that_day(tmp_path):
    text = HYPOTHETICAL.format(id="period-2017", q2_key="compliant", q2_fact="是")
    text = text.replace("2025-09-01", "2017-03-01").replace("2025-09-10", "2017-03-10")
    text = text.replace("2025-10-20", "2017-04-20").replace("as_of: 2025-12-31", "as_of: 2017-12-31")
    text = text.replace('clauses: ["4.2", "4.3"]', 'clauses: ["3.2", "4.2", "4.3"]')
    text += """  - id: q3
    kind: 日期
    clause: "3.2"
    prompt: 答辩期限最后一日是哪一天？
    derive: {period: [收到起诉状副本日期, defence_period_days]}
    points: 1
    feedback: {right: 对, wrong: 错}
"""
    path = tmp_path / "period-2017.yaml"
    path.write_text(text, encoding="utf-8")
    ex, problems = check_file(path)
    assert problems == []
    why = ex.key_explanation(ex.question("q3"))
    assert "行政诉讼法第一百零一条" in why and "第四十八条" not in why
