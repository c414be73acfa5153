"""DataError: every problem kept, a readable Chinese report."""
from yingsu_training.errors import DataError, Problem


def problem(row):
    return Problem("案件.csv", row, "案号", "", "案号不能为空")


def test_a_problem_names_file_row_column_and_value():
    p = Problem("案件.xlsx", 7, "提交答辩状日期", "2025-02-30", "不是有效日期")
    assert str(p) == "案件.xlsx，第7行，“提交答辩状日期”列：不是有效日期（值：“2025-02-30”）"


def test_the_report_lists_every_problem_of_a_small_file():
    err = DataError([problem(r) for r in range(2, 12)])
    assert "有 10 处问题" in str(err)
    assert all(f"第{r}行" in str(err) for r in range(2, 12))


def test_a_huge_report_lists_the_first_problems_and_counts_the_rest_but_keeps_them_all():
    err = DataError([problem(r) for r in range(2, 1002)])
    assert len(err.problems) == 1000
    text = str(err)
    assert "第201行" in text and "第202行" not in text.split("……")[0].splitlines()[-1]
    assert "另有 800 处问题未列出" in text
