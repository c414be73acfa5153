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
