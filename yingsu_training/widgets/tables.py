"""Tables in the lessons: left-aligned, no index column, the same HTML on every run."""
from __future__ import annotations


def table(rows):
    """Rows (a DataFrame or a list of dicts) as a left-aligned table without the index column,
    which reads better for Chinese text than pandas' default.

    The same rows give the same output on every run: the table's CSS id comes from its content
    (pandas would draw a random one) and it is returned as HTML (a Styler's plain-text form
    shows its memory address)."""
    import hashlib

    import pandas as pd
    from IPython.display import HTML

    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    uuid = hashlib.sha1(df.to_json(force_ascii=False).encode("utf-8")).hexdigest()[:8]
    styler = (df.style.hide(axis="index").set_uuid(uuid)
              .set_properties(**{"text-align": "left", "vertical-align": "top"})
              .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))
    return HTML(styler.to_html())
