"""Who is answering in this kernel: the trainee signed in on this browser.

One trainee per kernel. The classroom's sign-in (a browser-side widget that remembers the trainee
in the browser, so every notebook of the day knows them) and the exercises' "学员：" field both
set it here; every answer recorded in the answer store reads it from here.

    set_current("张三", unit="渝中区司法局")   # the sign-in widget, set_trainee(...), tests
    current()                                 # Trainee(name="张三", unit="渝中区司法局", …) or None
    on_change(callback)                       # callback(Trainee | None) whenever it changes
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Trainee:
    name: str
    unit: str = ""
    #: False when the name is not on the instructor's roster (None: no roster loaded)
    on_roster: bool | None = None


_current: Trainee | None = None
_listeners: list[Callable[[Trainee | None], None]] = []


def current() -> Trainee | None:
    """The trainee of this kernel, or None before anyone signed in."""
    return _current


def set_current(name: str | None, unit: str = "", *, on_roster: bool | None = None) -> Trainee | None:
    """Make ``name`` (of ``unit``) this kernel's trainee; an empty name signs out."""
    global _current
    name = str(name or "").strip()
    new = Trainee(name, str(unit or "").strip(), on_roster) if name else None
    if new == _current:
        return _current
    _current = new
    for listener in list(_listeners):
        listener(new)
    return new


def on_change(callback: Callable[[Trainee | None], None]) -> None:
    """Call ``callback(trainee)`` each time the kernel's trainee changes."""
    _listeners.append(callback)


def clear() -> None:
    """Forget the trainee and the listeners (tests, a new session in the same kernel)."""
    global _current
    _current = None
    _listeners.clear()
