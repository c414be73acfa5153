"""Results every trainee's kernel would compute identically, computed once for the class.

In the classroom each visitor's kernel runs the lesson for itself: every one would load the same
data set, check it, draw the same timeline picture and load (validate, derive the keys of) the
same exercises. :func:`shared` computes such a result once and keeps it in the classroom's cache
folder; every later kernel reads it instead. ``make classroom`` gives the folder to the kernels
(``$YINGSU_SHARED``: ``<classroom>/.yingsu-cache``, emptied by each build, so the warm-up's first
kernels fill it). Anywhere else (JupyterLab, the tests, the command line) there is no folder and
:func:`shared` just computes.

A result is found by what it is, its inputs (a file by its content) and the kit (every file of
the installed package, and the versions of the libraries its results depend on — the holiday
calendar, pandas, numpy, matplotlib): a changed data set, exercise file, kit or library computes afresh. The
folder is written only by the kit's own processes (the server's user); a file that cannot be
read is computed again.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

ENV_SHARED = "YINGSU_SHARED"
#: the cache folder inside the built classroom folder (hidden: Jupyter does not list or serve it)
CACHE_DIR = ".yingsu-cache"
PACKAGE = Path(__file__).resolve().parents[1]

T = TypeVar("T")
#: the libraries whose version changes what the kit computes (holiday data, tables, pictures)
LIBRARIES = ("chinesecalendar", "pandas", "numpy", "matplotlib", "python-calamine")


@lru_cache(maxsize=1)
def kit_fingerprint() -> str:
    """A digest of the installed kit: every file of the package (code, data), by content, and
    the versions of :data:`LIBRARIES`."""
    digest = hashlib.sha256()
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=absent;".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _feed(digest, value) -> None:
    """Add ``value`` to the key; TypeError when it has no stable form (then nothing is shared)."""
    if isinstance(value, Path):
        digest.update(b"file:" + str(value.name).encode() + b":" + hashlib.sha256(value.read_bytes()).digest())
    elif isinstance(value, (bytes, bytearray)):
        digest.update(b"bytes:" + bytes(value))
    elif isinstance(value, (list, tuple)):
        digest.update(f"seq{len(value)}:".encode())
        for item in value:
            _feed(digest, item)
    elif isinstance(value, dict):
        digest.update(f"map{len(value)}:".encode())
        for k in sorted(value, key=repr):
            _feed(digest, k)
            _feed(digest, value[k])
    elif value is None or isinstance(value, (str, int, float, bool, date, datetime)):
        digest.update(f"{type(value).__name__}:{value!r};".encode())
    else:  # numpy and pandas scalars (a table row's values): their repr is their value
        text = repr(value)
        if " at 0x" in text:
            raise TypeError(f"no stable key for {type(value).__name__}")
        digest.update(f"{type(value).__module__}.{type(value).__name__}:{text};".encode())


def cache_folder() -> Path | None:
    """The classroom's cache folder, or None outside the classroom."""
    folder = os.environ.get(ENV_SHARED, "").strip()
    return Path(folder) if folder else None


def shared(what: str, inputs, compute: Callable[[], T]) -> T:
    """``compute()``, or the result a kernel of this classroom already computed for the same
    ``inputs`` (and the same kit). ``what`` names the kind of result (a file name prefix)."""
    folder = cache_folder()
    if folder is None:
        return compute()
    digest = hashlib.sha256(f"{kit_fingerprint()}:{what}:".encode())
    try:
        _feed(digest, inputs)
    except (TypeError, OSError):
        return compute()
    path = folder / f"{what}-{digest.hexdigest()[:40]}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 (a torn or stale file: compute it again and replace it)
        pass
    value = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        with open(part, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)  # readers see the whole file or none
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    return value
