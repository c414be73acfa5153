"""Shared pieces of the widgets: escaping, feedback boxes, clause quotations, the base view."""
from __future__ import annotations

from html import escape

import ipywidgets as w

from ..catalogue import obligation
from ..opinion import load_opinion

MAIN_CLASS = "yingsu-main"
FEEDBACK_CLASS = "yingsu-feedback"
#: controls that only change the on-screen view (left out of a printed handout)
SCREEN_ONLY_CLASS = "yingsu-screen-only"

#: feedback box styles: (border colour, background, title colour)
_TONES = {
    "ok": ("#2e7d32", "#edf7ee", "#1b5e20"),
    "wrong": ("#c62828", "#fdecea", "#8e0000"),
    "info": ("#1565c0", "#e8f1fb", "#0d47a1"),
    "warn": ("#b26a00", "#fff6e0", "#7a4a00"),
    "error": ("#c62828", "#fdecea", "#8e0000"),
}

#: status colours for findings (text colour, background)
STATUS_COLOURS = {
    "compliant": ("#1b5e20", "#dff0e0"),
    "violation": ("#8e0000", "#f9d6d5"),
    "pending": ("#7a4a00", "#fff0c2"),
    "not_applicable": ("#555555", "#eeeeee"),
    "insufficient_data": ("#0d47a1", "#dde9f8"),
}


def esc(value) -> str:
    """HTML-escape anything shown to the user (data may contain < & " …)."""
    return escape("" if value is None else str(value))


def box(tone: str, title: str, body_html: str = "") -> str:
    """A feedback box. ``title`` is plain text (escaped here); ``body_html`` is already HTML."""
    border, bg, fg = _TONES[tone]
    return (f'<div class="yingsu-box yingsu-{tone}" style="border-left:4px solid {border};'
            f'background:{bg};padding:6px 10px;margin:4px 0;line-height:1.6">'
            f'<div style="font-weight:bold;color:{fg}">{esc(title)}</div>{body_html}</div>')


def paragraphs(lines) -> str:
    return "".join(f"<div>{esc(line)}</div>" for line in lines if line)


def clause_quote_html(clause_id: str) -> str:
    """The clause's label and verbatim text from ``load_opinion()``, as a quotation."""
    clause = load_opinion()[clause_id]
    return (f'<blockquote class="yingsu-clause" data-clause="{esc(clause.id)}" style="margin:4px 0;'
            f'padding:4px 10px;border-left:3px solid #999;color:#333;background:#fafafa">'
            f'<b>渝府办发〔2016〕220号 {esc(clause.label)}</b>：{esc(clause.full_text)}</blockquote>')


def basis_lines(clause_id: str, with_refinements: bool = True) -> list[str]:
    """Legal basis of a clause from the catalogue: ``行政诉讼法第三条第三款：……``."""
    ob = obligation(clause_id)
    lines = [b.shown for b in ob.legal_basis]
    if with_refinements:
        # a note is a paraphrase: 要点 says so (citation followed by ： would read as a quotation)
        lines += [f"{r.citation}（{r.in_force:%Y-%m-%d}施行）要点：{r.note}" for r in ob.refinements]
    return lines


def basis_html(*clause_ids: str, with_refinements: bool = True) -> str:
    """The legal basis of one or more clauses, each block headed by its clause label; a provision
    already listed under an earlier clause is not repeated."""
    seen: set[str] = set()
    blocks = []
    for clause_id in clause_ids:
        lines = [ln for ln in basis_lines(clause_id, with_refinements) if ln not in seen]
        seen.update(lines)
        if not lines:
            continue
        items = "".join(f"<li>{esc(line)}</li>" for line in lines)
        label = esc(obligation(clause_id).label)
        blocks.append(f'<div style="margin-top:4px">法律依据（{label}）：'
                      f'<ul style="margin:2px 0">{items}</ul></div>')
    return "".join(blocks)


def feedback_area() -> w.HTML:
    area = w.HTML(layout=w.Layout(width="100%"))
    area.add_class(FEEDBACK_CLASS)
    return area


class View:
    """Base of the widgets: ``display(obj)`` shows ``obj.widget``."""

    widget: w.Widget

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
