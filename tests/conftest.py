import pytest

from yingsu_training import calendar as cal


@pytest.fixture(autouse=True)
def _fresh_calendar(monkeypatch, tmp_path_factory):
    """Every test sees only the package's calendar data: no user folder, no added years."""
    monkeypatch.setattr(cal, "USER_CALENDAR_DIR", tmp_path_factory.mktemp("no-user-calendar"))
    monkeypatch.delenv(cal.ENV_CALENDAR_DIR, raising=False)
    cal.reset_calendar()
    yield
    cal.reset_calendar()


@pytest.fixture(scope="session", autouse=True)
def _answers_outside_the_repository(tmp_path_factory):
    """Answers recorded by widgets (quizzes, exercises, notebooks run by the tests, their
    kernels) go to a throw-away store, never to an answers/ folder in the checkout."""
    import os

    from yingsu_training import store

    folder = tmp_path_factory.mktemp("answers")
    saved = {k: os.environ.get(k) for k in (store.ENV_STORE, store.ENV_ANSWERS_DIR)}
    os.environ.pop(store.ENV_STORE, None)
    os.environ[store.ENV_ANSWERS_DIR] = str(folder)
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(autouse=True)
def _own_answer_store(monkeypatch, tmp_path_factory):
    """Each test records into a store of its own (tests may point YINGSU_ANSWERS_DIR elsewhere)."""
    from yingsu_training import identity, store

    monkeypatch.setenv(store.ENV_ANSWERS_DIR, str(tmp_path_factory.mktemp("answers")))
    identity.clear()
    yield
    identity.clear()
