"""Charts with Chinese text: the CJK font and the report's charts.

``use_cjk_font()`` makes matplotlib draw Chinese with Noto Sans CJK (Debian package
``fonts-noto-cjk``, files in /usr/share/fonts/opentype/noto/). It finds the font through
``matplotlib.font_manager`` (registering the Debian files if the font cache predates them), can be
called any number of times (notebooks call it in their first cell), and raises
:class:`CJKFontMissing` with a Chinese message saying how to install the font when there is none.

The chart functions return PNG bytes drawn on a :class:`matplotlib.figure.Figure` (no pyplot
state), for the Excel workbook and the HTML page of :mod:`yingsu_training.report`.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

#: preferred families, best first (Noto Sans CJK SC is Debian's fonts-noto-cjk)
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK HK",
                "Noto Sans CJK KR", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei",
                "PingFang SC", "Heiti SC")
#: where Debian installs fonts-noto-cjk
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))

COLOURS = {"bar": "#4472C4", "bad": "#C00000", "good": "#548235", "grid": "#D9D9D9"}


class CJKFontMissing(RuntimeError):
    """No font with Chinese glyphs is known to matplotlib."""

    def __init__(self):
        super().__init__(
            "未找到可显示中文的字体，图表中的汉字会显示为方框。请安装 Noto Sans CJK 字体："
            "Debian/Ubuntu 运行 `sudo apt-get install fonts-noto-cjk`（其他系统安装思源黑体或"
            "Noto Sans CJK SC），然后重新启动 Python 内核或重新运行命令。")


def _known_families() -> set[str]:
    from matplotlib import font_manager
    return {f.name for f in font_manager.fontManager.ttflist}


def find_cjk_font() -> str | None:
    """The first available CJK family of :data:`CJK_FAMILIES`, or ``None``."""
    from matplotlib import font_manager

    names = _known_families()
    for family in CJK_FAMILIES:
        if family in names:
            return family
    # the font cache may have been built before fonts-noto-cjk was installed
    added = False
    for folder in FONT_DIRS:
        if folder.is_dir():
            for path in sorted(folder.glob("NotoSansCJK*")):
                try:
                    font_manager.fontManager.addfont(str(path))
                    added = True
                except (OSError, RuntimeError, ValueError):
                    continue
    if added:
        names = _known_families()
        for family in CJK_FAMILIES:
            if family in names:
                return family
    return None


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese; returns the family used. Safe to call repeatedly."""
    import matplotlib

    family = find_cjk_font()
    if family is None:
        raise CJKFontMissing()
    current = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    matplotlib.rcParams["font.sans-serif"] = [family] + current
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    use_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100)
    return fig, fig.add_subplot(1, 1, 1)


def _text_width_in(labels, fontsize: float) -> float:
    """Approximate width in inches of the longest label (CJK characters are square)."""
    longest = max((sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in str(t)) for t in labels),
                  default=0.0)
    return longest * fontsize / 72.0


def _layout(fig, labels, fontsize: float = 8) -> None:
    """Margins computed from the labels (cheaper than tight_layout, which draws twice)."""
    w, h = fig.get_size_inches()
    left = min(0.6, (_text_width_in(labels, fontsize) + 0.25) / w)
    fig.subplots_adjust(left=max(left, 0.08), right=0.95, top=1 - 0.45 / h, bottom=0.55 / h)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    # fixed metadata: the same chart gives the same bytes
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def bar_chart_png(values: pd.Series, title: str, *, percent: bool = False,
                  xlabel: str = "", top: int | None = 20, reference: float | None = None,
                  reference_label: str = "") -> bytes:
    """A horizontal bar chart of ``values`` (index = labels), largest first; PNG bytes.

    ``percent``: values are shares 0–1, drawn as %. ``reference``: a vertical line (e.g. the city
    figure) labelled ``reference_label``.
    """
    v = values.dropna().astype(float)
    v = v.sort_values(ascending=False, kind="stable")
    if top is not None:
        v = v.head(top)
    v = v.iloc[::-1]  # largest at the top
    scale = 100.0 if percent else 1.0
    height = max(2.2, 0.32 * len(v) + 1.2)
    fig, ax = _figure(7.5, height)
    y = np.arange(len(v))
    ax.barh(y, v.to_numpy() * scale, color=COLOURS["bar"], height=0.65)
    ax.set_yticks(y)
    ax.set_yticklabels([str(i) for i in v.index], fontsize=8)
    for yi, val in zip(y, v.to_numpy()):
        ax.annotate(f"{val * scale:.1f}%" if percent else f"{val:,.0f}", (val * scale, yi),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    if reference is not None and not np.isnan(reference):
        ax.axvline(reference * scale, color=COLOURS["bad"], linestyle="--", linewidth=1,
                   label=reference_label or f"{reference * scale:.1f}")
        ax.legend(fontsize=7, loc="lower right", frameon=True, framealpha=0.9)
    ax.set_title(title, fontsize=11)
    ax.set_xlabel(xlabel or ("百分比（%）" if percent else ""), fontsize=8)
    if percent:
        ax.set_xlim(0, max(100.0, float(v.max() * scale) * 1.08 if len(v) else 100.0))
    ax.grid(axis="x", color=COLOURS["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not len(v):
        ax.text(0.5, 0.5, "暂无数据", transform=ax.transAxes, ha="center", va="center")
    _layout(fig, [str(i) for i in v.index])
    return _png(fig)


def status_chart_png(violations: pd.DataFrame, title: str) -> bytes:
    """Stacked bars per clause: compliant / violation / pending / insufficient (PNG)."""
    from .schema import STATUS_ZH

    order = [("compliant", COLOURS["good"]), ("violation", COLOURS["bad"]),
             ("pending", "#ED7D31"), ("insufficient_data", "#A5A5A5")]
    df = violations.copy()
    labels = list(df.index)[::-1]
    df = df.iloc[::-1]
    fig, ax = _figure(7.5, max(2.5, 0.34 * len(df) + 1.4))
    left = np.zeros(len(df))
    y = np.arange(len(df))
    for status, colour in order:
        if status not in df:
            continue
        vals = df[status].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=colour, height=0.65, label=STATUS_ZH[status])
        left += vals
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_title(title, fontsize=11)
    ax.set_xlabel("记录数", fontsize=8)
    ax.legend(fontsize=7, loc="lower right", frameon=False, ncol=4)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _layout(fig, labels)
    return _png(fig)
