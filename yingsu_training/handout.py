"""Printable handouts: a lesson as a PDF for trainees without a computer.

The lesson is run top to bottom in an IPython shell inside this process (its working directory
``notebooks/``, as under JupyterLab), and what a trainee would see is printed: the text, the
clause quotations, tables and charts, the scenario's findings. Widgets are printed as they stand
before anyone answers: a quiz shows its questions and options with blank lines to write on, and
no key, feedback or computed answer (those only appear after 提交答案 / 计算). Code is not
printed. The HTML goes to PDF through :mod:`yingsu_training.pdf` (Debian's Chromium, offline).
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

from .calendar import fmt
from .lessons import LESSONS_DIR, read_lesson

_BLANK = "<span class='blank'>&nbsp;</span>"
HANDOUT_CSS = """
.cell { margin: 4pt 0; }
.out pre { white-space: pre-wrap; font-family: "Noto Sans Mono CJK SC", monospace; font-size: 9pt; }
.out img { max-width: 100%; }
.widget-question { margin: 2pt 0 2pt 12pt; }
blockquote { margin: 4pt 0 4pt 8pt; padding-left: 8pt; border-left: 2pt solid #999; color: #333; }
code { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 9pt; }
details > summary { font-weight: bold; }
"""


_WIDE = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’…—]")


def _softbreak(renderer, tokens, idx, options, env) -> str:
    """A line break inside a paragraph (lessons put one sentence per line): nothing between
    Chinese characters (a browser would print a space there), a space between Latin words."""
    before = tokens[idx - 1].content[-1:] if idx > 0 else ""
    after = tokens[idx + 1].content[:1] if idx + 1 < len(tokens) else ""
    return "" if _WIDE.match(before or " ") or _WIDE.match(after or " ") else " "


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("softbreak", _softbreak)
    return md.render(text)


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def widget_html(widget) -> str:
    """A widget as it looks before anyone answers, for paper: texts and images as shown, a
    question's options as boxes to tick, fields as blank lines; buttons are left out."""
    import base64

    import ipywidgets as W

    from .widgets._common import SCREEN_ONLY_CLASS

    if (isinstance(widget, (W.Button, W.Output)) or SCREEN_ONLY_CLASS in widget._dom_classes
            or getattr(widget.layout, "display", None) == "none"):
        return ""
    if isinstance(widget, W.Tab):
        titles = [widget.get_title(i) for i in range(len(widget.children))]
        return "".join(f"<h4>{_e(t)}</h4>{widget_html(c)}" for t, c in zip(titles, widget.children))
    if isinstance(widget, W.Box):
        return "".join(widget_html(c) for c in widget.children)
    if isinstance(widget, W.HTML):
        return f"<div>{widget.value}</div>"
    if isinstance(widget, W.Label):
        return f"<div>{_e(widget.value)}</div>"
    if isinstance(widget, W.Image):
        if not widget.value:
            return ""
        data = base64.b64encode(bytes(widget.value)).decode("ascii")
        return f"<img src='data:image/{_e(widget.format)};base64,{data}'>"
    label = f"{_e(widget.description)} " if getattr(widget, "description", "") else ""
    if isinstance(widget, W.Checkbox):
        return f"<div class='widget-question'>□ {label}</div>"
    chosen = getattr(widget, "label", None)
    if isinstance(widget, W.Dropdown) and chosen and not chosen.startswith("（"):
        return f"<div class='widget-question'>{label}{_e(chosen)}</div>"  # a setting, e.g. the period
    if isinstance(widget, (W.RadioButtons, W.ToggleButtons, W.Dropdown, W.Select, W.SelectMultiple)):
        options = "".join(f"<div class='widget-question'>□ {_e(text)}</div>" for text in widget._options_labels
                          if text.strip() and not text.startswith("（"))  # （未判断） is no answer
        return f"<div>{label}</div>{options}" if label else options
    if isinstance(widget, (W.Text, W.Textarea, W.DatePicker, W.IntText, W.FloatText, W.BoundedIntText,
                           W.BoundedFloatText)):
        given = widget.value not in (None, "")
        value = fmt(widget.value) if isinstance(widget, W.DatePicker) and given else widget.value
        return f"<div class='widget-question'>{label}{_e(value) if given else _BLANK}</div>"
    return ""


class _RichDisplayHook:
    """Makes a cell's last value a rich display (as in a notebook), not printed text."""

    def __init__(self, shell):
        from IPython.core.displayhook import DisplayHook

        class Hook(DisplayHook):
            def write_output_prompt(self):
                pass

            def write_format_data(self, format_dict, md_dict=None):
                self.shell.display_pub.publish(data=format_dict, metadata=md_dict)

            def finish_displayhook(self):
                pass

        self.hook = Hook(shell=shell, cache_size=0)


def _output_html(output: dict) -> str:
    from ipywidgets.widgets.widget import _instances

    data = output.get("data", {})
    view = data.get("application/vnd.jupyter.widget-view+json")
    if view and view.get("model_id") in _instances:
        return widget_html(_instances[view["model_id"]])
    if "text/html" in data:
        return data["text/html"]
    if "image/png" in data:
        return f"<img src='data:image/png;base64,{data['image/png']}'>"
    if "text/plain" in data:
        return f"<pre>{_e(data['text/plain'])}</pre>"
    return ""


def run_lesson(src) -> list[tuple[object, list[dict]]]:
    """``[(cell, outputs)]`` of a lesson run top to bottom; an output is ``{"data": mimebundle}``
    or ``{"text": stdout}``. Raises the first cell's error (a lesson must run clean)."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    nb = read_lesson(src)
    shell = InteractiveShell.instance()
    shell.reset(new_session=True)
    shell.displayhook = shell.display_trap.hook = _RichDisplayHook(shell).hook
    import matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support

    inline = "module://matplotlib_inline.backend_inline"  # charts come out as PNG, as in JupyterLab
    matplotlib.use(inline)
    configure_inline_support(shell, inline)
    out = []
    here = os.getcwd()
    os.chdir(Path(src).resolve().parent if Path(src).resolve().parent.name == LESSONS_DIR.name
             else LESSONS_DIR)
    try:
        for cell in nb.cells:
            if cell.cell_type != "code":
                out.append((cell, []))
                continue
            with capture_output() as captured:
                result = shell.run_cell(cell.source, store_history=False)
            result.raise_error()
            outputs = [{"text": captured.stdout}] if captured.stdout.strip() else []
            outputs += [{"data": o.data} for o in captured.outputs]
            out.append((cell, outputs))
    finally:
        os.chdir(here)
    return out


def handout_html(src) -> str:
    """The lesson as one printable HTML page (see the module's docstring)."""
    from .pdf import page

    nb = read_lesson(src)
    title = nb.metadata.get("yingsu", {}).get("title", Path(src).stem)
    parts = [f"<style>{HANDOUT_CSS}</style>"]
    for cell, outputs in run_lesson(src):
        if cell.cell_type == "markdown":
            parts.append(f"<div class='cell'>{_markdown(cell.source)}</div>")
            continue
        for o in outputs:
            body = f"<pre>{_e(o['text'])}</pre>" if "text" in o else _output_html(o)
            if "yingsu-clause" in body:  # on paper the legal basis and later changes are shown open
                body = body.replace("<details>", "<details open>")
            if body.strip():
                parts.append(f"<div class='cell out'>{body}</div>")
    parts.append("<p class='meta'>本讲义由工具包按课程文件生成（yingsu lesson print）；练习请在横线上作答，"
                 "答案和讲解由教员讲评。</p>")
    return page(title, "".join(parts))


def print_handout(src, dest=None) -> Path:
    """Write the lesson's handout PDF (default: ``<lesson>.pdf`` in the working directory)."""
    from .pdf import html_to_pdf

    src = Path(src)
    dest = Path(dest) if dest is not None else Path(src.stem + ".pdf")
    if dest.is_dir() or dest.suffix.lower() != ".pdf":
        dest = dest / (src.stem + ".pdf")
    return html_to_pdf({dest.name: handout_html(src)}, dest.parent)[0]
