"""The `yingsu` command speaks Chinese, and a user's mistake never ends in a traceback."""
import pytest

from yingsu_training.cli import main


def test_the_help_lists_every_command_in_chinese(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：yingsu")
    for command in ("calendar", "check", "exercise", "generate", "report", "template", "validate"):
        assert command in out
    assert "显示本帮助并退出" in out


def test_a_missing_argument_is_reported_in_chinese_with_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    assert "错误：缺少必需的参数" in capsys.readouterr().err


def test_the_calendar_command_computes_a_period_rolled_past_national_day(capsys):
    assert main(["calendar", "deadline", "2025-09-20", "15"]) == 0
    assert "顺延至2025年10月09日" in capsys.readouterr().out


def test_a_badly_written_date_on_the_command_line_is_a_chinese_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["calendar", "deadline", "2025/9/20", "15"])
    assert info.value.code == 2
    assert "应写作 2025-09-20" in capsys.readouterr().err


@pytest.mark.parametrize("days, message", [
    ("0", "期间天数应为正整数"),
    ("-5", "期间天数应为正整数"),
    ("99999999", "期间天数 99999999 过大"),
])
def test_a_period_of_no_or_absurdly_many_days_is_a_chinese_error(days, message, capsys):
    assert main(["calendar", "deadline", "2025-09-20", days]) == 2
    assert message in capsys.readouterr().err


def test_a_year_without_a_holiday_schedule_ends_with_exit_2_and_how_to_add_it(capsys):
    assert main(["calendar", "show", "2027"]) == 2
    err = capsys.readouterr().err
    assert "2027年" in err and "yingsu calendar add" in err and "Traceback" not in err


def test_an_instructor_installs_a_year_file_with_calendar_add(tmp_path, capsys, monkeypatch):
    from yingsu_training import calendar as cal
    target_dir = tmp_path / "user-calendar"
    monkeypatch.setattr(cal, "USER_CALENDAR_DIR", target_dir)
    f = tmp_path / "2027.yaml"
    f.write_text("year: 2027\nsource: 测试\nholidays:\n  - {name: 元旦, from: 2027-01-01, to: 2027-01-01}\n"
                 "workdays: []\n", encoding="utf-8")
    assert main(["calendar", "add", str(f)]) == 0
    assert (target_dir / "2027.yaml").exists()
    cal.reset_calendar()
    assert main(["calendar", "deadline", "2026-12-17", "15"]) == 0
    assert "2027年01月04日" in capsys.readouterr().out


def test_a_broken_year_file_is_refused_with_its_problems(tmp_path, capsys):
    f = tmp_path / "2027.yaml"
    f.write_text("year: 2027\nworkdays:\n  - {date: 2027-02-10}\n", encoding="utf-8")
    assert main(["calendar", "add", str(f)]) == 2
    assert "不是周六或周日" in capsys.readouterr().err


def test_a_folder_given_as_the_cases_file_of_a_report_is_a_chinese_error(tmp_path, capsys):
    assert main(["report", str(tmp_path), "--year", "2025", "-o", str(tmp_path / "报告.xlsx")]) == 2
    assert f"{tmp_path} 是文件夹" in capsys.readouterr().err


def test_a_broken_year_file_in_the_calendar_folder_is_a_chinese_error_naming_it(
        tmp_path, capsys, monkeypatch):
    from yingsu_training import calendar as cal
    (tmp_path / "2030.yaml").write_text(
        "year: 2030\nholidays:\n  - {name: 元旦, from: 2030-13-01}\n", encoding="utf-8")
    monkeypatch.setenv(cal.ENV_CALENDAR_DIR, str(tmp_path))
    cal.reset_calendar()  # conftest resets it again after the test
    assert main(["calendar", "deadline", "2025-09-20", "15"]) == 2
    err = capsys.readouterr().err
    assert "2030.yaml" in err and "2030-13-01" in err
