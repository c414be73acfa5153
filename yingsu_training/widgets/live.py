"""The class, live: what trainees' widgets and the instructor's page share through the answer store.

* :class:`Poller` runs a refresh function every few seconds in a daemon thread (ipywidgets
  accept value updates from a thread; the kernel sends them as comm messages), and stops when
  told to or when the function raises :class:`StopPolling`. Tests call the refresh function
  directly: nothing here is timed in a test.
  In a classroom notebook the sign-in (its first cell) holds the pollers back with
  :func:`hold_until_page`: a preheated kernel waiting in its pool for a trainee runs no polling
  thread; the sign-in's browser side calls :func:`page_attached` when the trainee's page shows
  it, and the held pollers start then.
* :func:`paced` says whether answers wait for the instructor's reveal: in the classroom
  (``$YINGSU_CLASSROOM`` set, as ``make classroom`` does) the verdict and the clause appear only
  when the instructor reveals them; studying alone, at once.
"""
from __future__ import annotations

import os
import threading
from typing import Callable

ENV_CLASSROOM = "YINGSU_CLASSROOM"
ENV_POLL = "YINGSU_POLL_SECONDS"
DEFAULT_POLL_SECONDS = 3.0


class StopPolling(Exception):
    """Raised by a refresh function to end its poller (its widget was closed)."""


def paced() -> bool:
    """True in the classroom: verdicts wait for the instructor's reveal."""
    return os.environ.get(ENV_CLASSROOM, "").strip().lower() not in ("", "0", "false", "no")


def poll_seconds() -> float:
    try:
        return max(0.5, float(os.environ.get(ENV_POLL, DEFAULT_POLL_SECONDS)))
    except ValueError:
        return DEFAULT_POLL_SECONDS


_page = threading.Event()        # set once a trainee's page shows this kernel's widgets
_held = threading.Event()        # set by hold_until_page(): pollers wait for the page
_waiting: list["Poller"] = []
_waiting_lock = threading.Lock()


def hold_until_page() -> None:
    """From now on pollers start only once :func:`page_attached` is called (the classroom's
    sign-in does both: this when its cell runs in a pool's kernel, that when a page shows it)."""
    _held.set()


def page_attached() -> None:
    """A trainee's page shows this kernel's widgets: start the pollers held until now."""
    _page.set()
    with _waiting_lock:
        waiting = list(_waiting)
        _waiting.clear()
    for poller in waiting:
        if not poller._stop.is_set():
            poller.start()


class Poller:
    """Call ``refresh()`` every ``interval`` seconds until :meth:`stop` (or StopPolling).

    While pollers are held (:func:`hold_until_page`) and no page is attached, :meth:`start`
    only registers the poller; :func:`page_attached` starts it."""

    def __init__(self, refresh: Callable[[], None], interval: float | None = None):
        self.refresh = refresh
        self.interval = interval if interval is not None else poll_seconds()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.errors = 0

    def start(self) -> "Poller":
        if _held.is_set() and not _page.is_set():
            with _waiting_lock:
                if not _page.is_set():
                    self._stop.clear()
                    if self not in _waiting:
                        _waiting.append(self)
                    return self
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="yingsu-poller", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.refresh()
            except StopPolling:
                return
            except Exception:  # a passing store hiccup must not end the live view
                self.errors += 1
                if self.errors > 100:
                    return

    def stop(self) -> None:
        self._stop.set()

    @property
    def waiting(self) -> bool:
        """Held until a trainee's page is attached."""
        return self in _waiting and not self._stop.is_set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()


def closed(widget) -> bool:
    """Whether an ipywidget has been closed (its comm is gone)."""
    return getattr(widget, "comm", None) is None


def bars_html(counts: dict[str, int], *, right: set[str] | None = None, total: int | None = None,
              unit: str = "人") -> str:
    """A horizontal bar chart of answer counts as HTML (fast, renders in Voilà, no images).
    ``right`` marks the correct answers (shown green once revealed)."""
    from ._common import esc

    total = total if total is not None else sum(counts.values())
    if not counts:
        return "<div class='yingsu-bars' style='color:#777'>还没有人作答。</div>"
    top = max(counts.values())
    rows = []
    for label, n in counts.items():
        colour = "#2e7d32" if right and label in right else "#1565c0"
        width = 100 * n / top if top else 0
        share = f"{n / total:.0%}" if total else ""
        rows.append(
            f"<div class='yingsu-bar' data-answer='{esc(label)}' data-count='{n}' "
            "style='display:flex;align-items:center;margin:2px 0'>"
            f"<div style='width:34%;text-align:right;padding-right:8px'>{esc(label)}</div>"
            f"<div style='width:52%'><div style='background:{colour};height:18px;width:{width:.1f}%'></div></div>"
            f"<div style='width:14%;padding-left:6px'>{n} {esc(unit)}（{share}）</div></div>")
    return f"<div class='yingsu-bars'>{''.join(rows)}</div>"


def record_quietly(*, notebook_default: str, **answer) -> bool:
    """Record one answer in the default store for a widget that must keep working when the
    store cannot be written (the feedback is shown either way). Returns whether it was stored."""
    from ..store import StoreError, current_notebook, record

    answer.setdefault("notebook", current_notebook(default=notebook_default))
    try:
        record(**answer)
    except StoreError:
        return False
    return True
