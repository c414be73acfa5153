"""What :func:`yingsu_training.generator.generate` returns, and how it is written to files."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .truth import truth_text


@dataclass
class SyntheticData:
    """What :func:`generate` returns."""

    cases: pd.DataFrame
    suggestions: pd.DataFrame
    agencies: pd.DataFrame
    truth: pd.DataFrame
    as_of: date
    year: int
    seed: int
    violation_rates: dict[str, float] = field(default_factory=dict)

    def save(self, out: str | Path, *, xlsx: bool = True, progress: bool = False) -> list[Path]:
        """Write the three tables (CSV + .xlsx, Chinese headers) and the truth (CSV).

        ``xlsx=False`` writes CSV only (a table longer than an Excel sheet is always CSV only).
        """
        from ..export import EXCEL_MAX_ROWS, save_table, write_csv

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        stem = f"{self.year}"
        jobs = []
        for df, table, name in [(self.cases, "cases", f"cases-{stem}"),
                                (self.suggestions, "suggestions", f"suggestions-{stem}"),
                                (self.agencies, "agencies", f"agencies-{stem}")]:
            jobs.append((df, table, out / f"{name}.csv"))
            if xlsx and len(df) <= EXCEL_MAX_ROWS:
                jobs.append((df, table, out / f"{name}.xlsx"))
        truth_path = out / f"truth-{stem}.csv"
        bar = None
        if progress:
            from tqdm.auto import tqdm
            bar = tqdm(total=len(jobs) + 1, desc="写入文件", unit="个")
        written = []
        try:
            for df, table, path in jobs:
                written.append(save_table(df, path, table))
                if bar is not None:
                    bar.set_postfix_str(path.name)
                    bar.update(1)
            write_csv(truth_text(self.truth), truth_path)
            written.append(truth_path)
            if bar is not None:
                bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return written
