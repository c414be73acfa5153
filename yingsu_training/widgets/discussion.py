"""案例研讨: a seeded case draw, the group's clause-by-clause verdicts, then the checker's
findings revealed one clause at a time (``CaseDiscussion``), and a whole round in one widget
(``CaseSession``, which also works in Voilà where code cannot be edited)."""
from __future__ import annotations

from ..calendar import fmt
from ._common import esc as _e

DECIDABLE = ("compliant", "violation", "pending", "not_applicable", "insufficient_data")


def draw_case(cases, findings, seed: int, *, with_violation: bool = True) -> str:
    """A case id drawn with a seeded generator (same seed → same case), by default among the
    cases where the checker finds at least one violation (they make for a richer discussion)."""
    import numpy as np

    pool = findings.loc[findings["status"] == "violation", "case_id"] if with_violation else cases["case_id"]
    ids = sorted(set(pool.astype(str)))
    return ids[int(np.random.default_rng(seed).integers(len(ids)))]


class CaseDiscussion:
    """For each checked clause the group picks a verdict; 提交答案 compares every clause with the
    checker; 揭晓下一条 reveals the checker's findings one clause at a time for discussion."""

    def __init__(self, case_row, as_of, *, main: bool = True):
        import ipywidgets as w

        from .. import explain
        from ..schema import STATUS_ZH

        self.explanation = explain(case_row, as_of=as_of)
        self.findings = self.explanation.findings.reset_index(drop=True)
        self.status_zh = STATUS_ZH
        options = [("（未判断）", "")] + [(STATUS_ZH[s], s) for s in DECIDABLE]
        self.choices = {}
        rows = []
        for _, f in self.findings.iterrows():
            dd = w.Dropdown(options=options, value="", layout=w.Layout(width="150px"))
            self.choices[f["obligation_id"]] = dd
            rows.append(w.HBox([w.HTML(f"<div style='width:320px'>{_e(f['label'])}</div>"), dd]))
        self.submit_button = w.Button(description="提交答案", button_style="primary", icon="check")
        self.next_button = w.Button(description="揭晓下一条", icon="eye")
        self.feedback = w.HTML()
        self.feedback.add_class("yingsu-feedback")
        self.revealed = 0
        self.submit_button.on_click(lambda _b: self.submit())
        self.next_button.on_click(lambda _b: self.reveal_next())
        self.widget = w.VBox([w.HTML("<b>小组结论</b>：对每一条选择你们的判断。"), *rows,
                              w.HBox([self.submit_button, self.next_button]), self.feedback])
        if main:
            self.widget.add_class("yingsu-main")

    def _row_html(self, f) -> str:
        chosen = self.choices[f["obligation_id"]].value
        truth = f["status"]
        if not chosen:
            mark = "<span style='color:#888'>未判断</span>"
        elif chosen == truth:
            mark = "<b style='color:#1b7f3b'>✔ 一致</b>"
        else:
            mark = f"<b style='color:#b3261e'>✘ 你们判断为“{_e(self.status_zh[chosen])}”</b>"
        return (f"<li style='margin-bottom:6px'><b>{_e(f['label'])}</b>：检查结论"
                f"<b>“{_e(self.status_zh[truth])}”</b>　{mark}<br>"
                f"<span style='color:#444'>{_e(f['explanation'])}</span></li>")

    def _render(self, upto: int) -> None:
        rows = [self._row_html(f) for _, f in self.findings.head(upto).iterrows()]
        decided = [(fid, dd.value) for fid, dd in self.choices.items() if dd.value]
        agree = sum(1 for fid, v in decided
                    if v == self.findings.set_index("obligation_id").loc[fid, "status"])
        head = (f"<p><b>与检查结论一致：{agree} / {len(self.findings)} 条</b>"
                f"（已判断 {len(decided)} 条）</p>" if upto >= len(self.findings) else
                f"<p>已揭晓 {upto} / {len(self.findings)} 条</p>")
        self.feedback.value = head + f"<ol>{''.join(rows)}</ol>"

    def submit(self) -> None:
        self.revealed = len(self.findings)
        self._render(self.revealed)

    def reveal_next(self) -> None:
        self.revealed = min(self.revealed + 1, len(self.findings))
        self._render(self.revealed)


class CaseSession:
    """A whole 案例研讨 round in one widget (it also works in Voilà, where code cannot be edited):
    a seed, the 抽取案件 button, the drawn case's facts and timeline, and the group's
    :class:`CaseDiscussion` (which carries ``yingsu-main``)."""

    def __init__(self, cases, as_of, seed: int = 2025, *, findings=None):
        import ipywidgets as w

        from .. import check_cases

        self.cases = cases
        self.as_of = as_of
        self.findings = (check_cases(cases, as_of=as_of, explain=False) if findings is None
                         else findings)
        self.seed = w.BoundedIntText(value=int(seed), min=0, max=10**9, description="种子",
                                     layout=w.Layout(width="200px"))
        self.draw_button = w.Button(description="抽取案件", icon="random")
        self.title = w.HTML()
        self.facts = w.HTML()
        self.timeline = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self.discussion_box = w.VBox()
        self.draw_button.on_click(lambda _b: self.draw())
        tabs = w.Tab(children=[self.facts, self.timeline])
        tabs.set_title(0, "案件事实")
        tabs.set_title(1, "时间线")
        self.widget = w.VBox([w.HBox([self.seed, self.draw_button]), self.title, tabs,
                              w.HTML("<h4 style='margin:10px 0 4px'>小组研讨：逐条判断</h4>"),
                              self.discussion_box])
        self.draw()

    def draw(self) -> None:
        from ..timeline import timeline_png
        from .explorer import case_facts_html

        self.case_id = draw_case(self.cases, self.findings, seed=self.seed.value)
        row = self.cases.set_index("case_id").loc[self.case_id].to_dict()
        self.case = row | {"case_id": self.case_id}
        self.title.value = (f"<p><b>本次研讨案件：</b>{_e(self.case_id)}　{_e(row['agency'])}"
                            f"（{_e(row['case_type'])}），检查日 {fmt(self.as_of)}，种子 {self.seed.value}</p>")
        self.facts.value = case_facts_html(self.case)
        self.timeline.value = timeline_png(self.case, self.as_of)
        self.discussion = CaseDiscussion(self.case, self.as_of, main=True)
        self.discussion_box.children = [self.discussion.widget]
