"""`yingsu validate`: every file is checked, every problem listed, no traceback."""
from pathlib import Path

from yingsu_training.cli import main

BAD = Path(__file__).parent / "bad_inputs"
DATASETS = Path(__file__).parents[1] / "datasets"


def test_a_clean_data_set_passes_with_its_row_count(capsys):
    assert main(["validate", "cases", str(DATASETS / "cases-2025.csv")]) == 0
    out = capsys.readouterr().out
    assert "通过检查" in out and "行" in out


def test_a_broken_file_lists_its_problems_and_exits_2_but_later_files_are_still_read(capsys):
    broken = BAD / "duplicate-case-id.csv"
    code = main(["validate", "cases", str(broken), str(DATASETS / "cases-2025.csv")])
    captured = capsys.readouterr()
    assert code == 2
    assert "处问题" in captured.err and "Traceback" not in captured.err
    assert "通过检查" in captured.out


def test_a_missing_file_is_named_in_chinese(capsys):
    assert main(["validate", "agencies", "没有这个文件.xlsx"]) == 2
    assert "没有这个文件.xlsx" in capsys.readouterr().err


def test_a_folder_given_instead_of_a_file_is_a_chinese_error_and_later_files_are_still_read(
        tmp_path, capsys):
    code = main(["validate", "cases", str(tmp_path), str(DATASETS / "cases-2025.csv")])
    captured = capsys.readouterr()
    assert code == 2
    assert f"{tmp_path} 是文件夹" in captured.err
    assert "通过检查" in captured.out
