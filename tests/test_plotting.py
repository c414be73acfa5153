"""Chinese text in charts: Noto Sans CJK through matplotlib's font manager, no missing glyphs."""
import io
import warnings

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from yingsu_training import plotting
from yingsu_training.plotting import CJKFontMissing, bar_chart_png, status_chart_png, use_cjk_font

CHINESE = "负责人出庭率（按区县）渝北区人力资源和社会保障局"


def draw_chinese() -> list[str]:
    fig = Figure(figsize=(4, 2))
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(CHINESE)
    ax.bar(["渝北区", "江北区"], [1, 2])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught]


@pytest.fixture
def rc():
    saved = matplotlib.rcParams.copy()
    yield
    matplotlib.rcParams.update(saved)


def test_with_the_cjk_font_matplotlib_warns_of_no_missing_glyph(rc):
    use_cjk_font()
    assert not [m for m in draw_chinese() if "missing" in m.lower() or "glyph" in m.lower()]


def test_without_a_cjk_font_the_same_drawing_does_warn_of_missing_glyphs(rc):
    # the control: the check above can fail
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    assert any("missing" in m.lower() for m in draw_chinese())


def test_use_cjk_font_can_be_called_again_and_again(rc):
    first = use_cjk_font()
    before = list(matplotlib.rcParams["font.sans-serif"])
    assert use_cjk_font() == first
    assert list(matplotlib.rcParams["font.sans-serif"]) == before
    assert before.count(first) == 1 and before[0] == first
    assert first.startswith("Noto Sans CJK")


def test_without_any_cjk_font_the_error_says_in_chinese_how_to_install_one(rc, monkeypatch):
    monkeypatch.setattr(plotting, "find_cjk_font", lambda: None)
    with pytest.raises(CJKFontMissing, match="fonts-noto-cjk"):
        use_cjk_font()


@pytest.mark.parametrize("chart", [
    lambda: bar_chart_png(pd.Series({"渝北区": 0.5, "江北区": 0.25, "市级": None}), "负责人出庭率",
                          percent=True, reference=0.4, reference_label="全市 40%"),
    lambda: bar_chart_png(pd.Series(dtype=float), "没有数据的图"),
    lambda: status_chart_png(pd.DataFrame({"compliant": [3, 1], "violation": [1, 2]},
                                          index=["三（二）", "四（二）"]), "各条款结论"),
])
def test_report_charts_are_png_images_drawn_without_missing_glyphs(rc, chart):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = chart()
    assert png.startswith(b"\x89PNG")
    assert not [w for w in caught if "missing" in str(w.message).lower()]


def test_the_same_chart_gives_the_same_bytes(rc):
    s = pd.Series({"渝北区": 3, "江北区": 1})
    assert bar_chart_png(s, "案件数") == bar_chart_png(s, "案件数")
