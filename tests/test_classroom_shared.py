"""What the class's kernels share: computed once, read by every other kernel, computed afresh
when the data, the exercise file or the kit changes; outside the classroom just computed."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from yingsu_training.classroom import shared as sharing
from yingsu_training.classroom.shared import ENV_SHARED, shared


@pytest.fixture
def classroom_cache(tmp_path, monkeypatch):
    folder = tmp_path / ".yingsu-cache"
    monkeypatch.setenv(ENV_SHARED, str(folder))
    return folder


class Counter:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_outside_the_classroom_every_call_computes(monkeypatch):
    monkeypatch.delenv(ENV_SHARED, raising=False)
    compute = Counter([1, 2])
    assert shared("numbers", "a", compute) == [1, 2] and shared("numbers", "a", compute) == [1, 2]
    assert compute.calls == 2


def test_in_the_classroom_a_result_is_computed_once_and_read_by_the_next_kernel(classroom_cache, tmp_path):
    data = tmp_path / "cases.csv"
    data.write_text("case_id\nA\n", encoding="utf-8")
    compute = Counter({"rows": 1})
    assert shared("cases", (data, date(2026, 3, 31)), compute) == {"rows": 1}
    assert compute.calls == 1 and len(list(classroom_cache.glob("cases-*.pickle"))) == 1
    # another kernel: a process of its own reading the same folder
    code = ("from datetime import date; from pathlib import Path;"
            "from yingsu_training.classroom.shared import shared;"
            f"print(shared('cases', (Path({str(data)!r}), date(2026, 3, 31)), lambda: 'computed again'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ})
    assert out.stdout.strip() == "{'rows': 1}"


def test_a_changed_data_file_is_computed_afresh(classroom_cache, tmp_path):
    data = tmp_path / "cases.csv"
    data.write_text("case_id\nA\n", encoding="utf-8")
    assert shared("cases", data, Counter("first")) == "first"
    data.write_text("case_id\nA\nB\n", encoding="utf-8")
    assert shared("cases", data, Counter("second")) == "second"


def test_another_kit_version_is_computed_afresh(classroom_cache, monkeypatch):
    assert shared("findings", "x", Counter("old kit")) == "old kit"
    monkeypatch.setattr(sharing, "kit_fingerprint", lambda: "another kit")
    assert shared("findings", "x", Counter("new kit")) == "new kit"


def test_another_version_of_the_holiday_calendar_is_computed_afresh(classroom_cache, monkeypatch):
    assert shared("findings", "x", Counter("old calendar")) == "old calendar"
    real = sharing.importlib.metadata.version
    monkeypatch.setattr(sharing.importlib.metadata, "version",
                        lambda name: "9.9.9" if name == "chinesecalendar" else real(name))
    sharing.kit_fingerprint.cache_clear()
    try:
        assert shared("findings", "x", Counter("new calendar")) == "new calendar"
    finally:
        sharing.kit_fingerprint.cache_clear()


def test_a_torn_cache_file_is_computed_again_and_replaced(classroom_cache):
    shared("picture", "case", Counter(b"png"))
    (path,) = classroom_cache.glob("picture-*.pickle")
    path.write_bytes(b"\x80\x05torn")
    assert shared("picture", "case", Counter(b"png again")) == b"png again"
    assert shared("picture", "case", Counter(b"not read")) == b"png again"


def test_an_input_without_a_stable_form_is_not_shared(classroom_cache):
    compute = Counter(1)
    shared("thing", object(), compute)
    shared("thing", object(), compute)
    assert compute.calls == 2 and not list(classroom_cache.glob("*"))


def test_a_shared_exercise_is_graded_with_the_keys_its_first_kernel_derived(classroom_cache, monkeypatch):
    from yingsu_training.exercises import core
    from yingsu_training.exercises.grading import grade_answers
    from yingsu_training.exercises.validate import load_exercise

    first = core.shared_exercise("defence-tiaoxiu-saturday-2025")
    derived = [q for q in first.questions if q.derive is not None]
    assert derived and set(first.derived) == {q.id for q in derived}

    def no_rules(*_args, **_kwargs):
        raise AssertionError("a kernel reading the shared exercise ran a rule")

    monkeypatch.setattr(core, "_derive", no_rules)
    again = core.shared_exercise("defence-tiaoxiu-saturday-2025")
    answers = {q.id: first.key(q) for q in first.questions if q.auto}
    assert {r.status for r in grade_answers(again, answers)} == {"right"}
    monkeypatch.undo()
    assert [again.key(q) for q in again.questions if q.auto] == [
        load_exercise("defence-tiaoxiu-saturday-2025").key(q) for q in again.questions if q.auto]


def test_a_shared_timeline_picture_is_the_one_drawn_for_the_case(classroom_cache):
    from yingsu_training.timeline import _draw_png, timeline_png

    case = {"case_id": "（2025）渝0199行初118号", "complaint_received_on": date(2025, 9, 26),
            "defence_submitted_on": date(2025, 10, 13)}
    png = timeline_png(case, as_of=date(2025, 12, 31))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(list(classroom_cache.glob("timeline-*.pickle"))) == 1
    assert timeline_png(dict(case), as_of=date(2025, 12, 31)) == png
    later = timeline_png(case, as_of=date(2026, 3, 31))
    assert later != png and len(list(classroom_cache.glob("timeline-*.pickle"))) == 2
    assert len(_draw_png(case, date(2025, 12, 31), 100)) > 1000
