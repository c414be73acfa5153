"""The classroom sign-in: a trainee signs in once per browser and every notebook knows them.

``sign_in()`` (the first cell of every classroom notebook) shows a small anywidget. Its browser
side keeps the trainee's name and 单位 in the browser's localStorage: the first page asks, every
later page of the day (another lesson, a reload) fills the kernel's trainee by itself. The
kernel side turns the synced ``name``/``unit`` into :func:`yingsu_training.identity.set_current`,
which every answer recorded reads (the exercise widgets' "学员：" fields follow it). A name not on
the instructor's roster is accepted and flagged (``on_roster=False``) for the instructor.

It also tells the kernel when a trainee's page is there: the cell holds the page's pollers
(:func:`yingsu_training.widgets.live.hold_until_page`), so a preheated kernel waiting in its pool
runs no polling thread, and the browser side's first message (``{"event": "page"}``) starts them.
"""
from __future__ import annotations

import os
from pathlib import Path

import anywidget
import traitlets

from .. import identity
from ..widgets.live import hold_until_page, page_attached
from .roster import class_roster, on_roster

HERE = Path(__file__).resolve().parent
NOT_ON_ROSTER = "名单中没有这个姓名：已照常签到，教员会核对。如选错了，请点“不是我，重新签到”。"


class SignIn(anywidget.AnyWidget):
    _esm = HERE / "signin.js"
    _css = HERE / "signin.css"
    name = traitlets.Unicode("").tag(sync=True)
    unit = traitlets.Unicode("").tag(sync=True)
    roster = traitlets.List(traitlets.Dict()).tag(sync=True)
    flag = traitlets.Unicode("").tag(sync=True)

    def __init__(self, roster=None, **kwargs):
        self._people = roster
        super().__init__(roster=[{"name": p.name, "unit": p.unit} for p in roster or []], **kwargs)
        self.add_class("yingsu-sign-in-widget")
        self.on_msg(self._on_page_message)

    def _on_page_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("event") == "page":
            page_attached()

    @traitlets.observe("name", "unit")
    def _signed_in(self, _change=None) -> None:
        known = on_roster(self._people, self.name.strip(), self.unit.strip()) if self.name.strip() else None
        identity.set_current(self.name, self.unit, on_roster=known)
        self.flag = NOT_ON_ROSTER if known is False else ""


def sign_in(notebook: str | None = None) -> SignIn:
    """The sign-in widget (the classroom's first cell ends with it, so it is shown).

    ``notebook`` names the page for the answer store when the server did not (a kernel Voilà
    started without a pool has no ``JPY_SESSION_NAME``).
    """
    if notebook and not os.environ.get("JPY_SESSION_NAME"):
        os.environ["JPY_SESSION_NAME"] = notebook
    hold_until_page()
    return SignIn(roster=class_roster())
