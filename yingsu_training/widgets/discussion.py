"""案例研讨: a seeded case draw, the group's clause-by-clause verdicts, then the checker's
findings revealed one clause at a time (``CaseDiscussion``: the group's judgments go into the
answer store; in the classroom the instructor's page reveals each clause), and a whole round in
one widget (``CaseSession``, which also works in Voilà where code cannot be edited)."""
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


NOTEBOOK = "10-案例研讨"


def case_question(case_id: str) -> str:
    """The store's question id of a case discussion (the same for the whole class: a seed draws
    the same case for everyone)."""
    return f"案例{case_id}"


def case_clauses(cases, as_of):
    """For the instructor's page: question ``案例<case_id>`` → the clauses the checker reports
    for that case, in its order (so every clause can be revealed, judged or not)."""
    from .. import explain
    from ..checks import as_of_date

    as_of = as_of_date(as_of)          # parsed once, for every case asked about
    by_id = cases.assign(case_id=cases["case_id"].astype(str)).set_index("case_id")
    cache: dict[str, list[str]] = {}

    def clauses_for(notebook: str, question: str) -> list[str]:
        if not question.startswith("案例"):
            return []
        cid = question.removeprefix("案例")
        if cid not in cache:
            if cid not in by_id.index:
                return []
            row = by_id.loc[cid].to_dict() | {"case_id": cid}
            cache[cid] = list(explain(row, as_of=as_of).findings["obligation_id"])
        return cache[cid]

    return clauses_for


class CaseDiscussion:
    """For each checked clause the group picks a verdict and 提交小组判断 records the group's
    judgments (with the group's name) in the answer store. The checker's finding on a clause
    appears only when that clause is revealed: in the classroom by the instructor (every group's
    screen follows the instructor's page through the store; submitting reveals nothing), studying
    alone with 揭晓下一条 or by submitting a judgment on it. An unjudged clause is never revealed
    by submitting."""

    def __init__(self, case_row, as_of, *, main: bool = True, notebook: str = NOTEBOOK,
                 store=None, paced: bool | None = None, poll: bool = True):
        import ipywidgets as w

        from .. import explain
        from ..schema import STATUS_ZH
        from .live import Poller, paced as classroom_paced

        self.explanation = explain(case_row, as_of=as_of)
        self.findings = self.explanation.findings.reset_index(drop=True)
        self.status_zh = STATUS_ZH
        self.case_id = str(case_row.get("case_id", ""))
        self.notebook = notebook
        self.question = case_question(self.case_id)
        self._store = store
        self.paced = classroom_paced() if paced is None else paced
        self.order = list(self.findings["obligation_id"])
        options = [("（未判断）", "")] + [(STATUS_ZH[s], s) for s in DECIDABLE]
        self.choices = {}
        rows = []
        for _, f in self.findings.iterrows():
            dd = w.Dropdown(options=options, value="", layout=w.Layout(width="150px"))
            self.choices[f["obligation_id"]] = dd
            rows.append(w.HBox([w.HTML(f"<div style='width:320px'>{_e(f['label'])}</div>"), dd]))
        self.group = w.Text(description="小组：", placeholder="小组名称，如：第三组")
        self.submit_button = w.Button(description="提交小组判断", button_style="primary", icon="check")
        self.next_button = w.Button(description="揭晓下一条", icon="eye")
        self.next_button.layout.display = "none" if self.paced else None
        self.status = w.HTML()
        self.status.add_class("yingsu-group-status")
        self.feedback = w.HTML()
        self.feedback.add_class("yingsu-feedback")
        self.revealed_ids: set[str] = set()
        self.submitted: dict[str, str] = {}
        self.submit_button.on_click(lambda _b: self.submit())
        self.next_button.on_click(lambda _b: self.reveal_next())
        hint = ("由教员逐条揭晓检查结论。" if self.paced else "提交后点击“揭晓下一条”，逐条对照检查结论。")
        self.widget = w.VBox([w.HTML(f"<b>小组结论</b>：对每一条选择你们的判断，填写小组名称后提交。{hint}"),
                              *rows, self.group, w.HBox([self.submit_button, self.next_button]),
                              self.status, self.feedback])
        if main:
            self.widget.add_class("yingsu-main")
        self._render()
        self.poller = None
        if self.paced and poll:
            self.poller = Poller(self.refresh).start()

    @property
    def store(self):
        from ..store import open_store
        return self._store or open_store()

    @property
    def revealed(self) -> int:
        return len(self.revealed_ids)

    def _row_html(self, f) -> str:
        from ._common import clause_quote_html

        fid = f["obligation_id"]
        chosen = self.choices[fid].value
        truth = f["status"]
        if not chosen:
            mark = "<span style='color:#888'>未判断</span>"
        elif chosen == truth:
            mark = "<b style='color:#1b7f3b'>✔ 一致</b>"
        else:
            mark = f"<b style='color:#b3261e'>✘ 你们判断为“{_e(self.status_zh[chosen])}”</b>"
        return (f"<li class='yingsu-revealed' data-clause='{_e(fid)}' style='margin-bottom:6px'>"
                f"<b>{_e(f['label'])}</b>：检查结论<b>“{_e(self.status_zh[truth])}”</b>　{mark}<br>"
                f"<span style='color:#444'>{_e(f['explanation'])}</span>{clause_quote_html(fid)}</li>")

    def _render(self) -> None:
        shown = self.findings[self.findings["obligation_id"].isin(self.revealed_ids)]
        rows = [self._row_html(f) for _, f in shown.iterrows()]
        n = len(self.findings)
        judged = {fid: dd.value for fid, dd in self.choices.items() if dd.value}
        truth = dict(zip(self.findings["obligation_id"], self.findings["status"]))
        seen = [fid for fid in judged if fid in self.revealed_ids]
        agree_seen = sum(1 for fid in seen if judged[fid] == truth[fid])
        head = (f"<p>已揭晓 {len(shown)} / {n} 条"
                + (f"；已揭晓的 {len(seen)} 条判断中与检查结论一致 {agree_seen} 条" if seen else "") + "</p>")
        if len(shown) == n and n:
            agree = sum(1 for fid, v in judged.items() if v == truth[fid])
            head = (f"<p><b>与检查结论一致：{agree} / {n} 条</b>（已判断 {len(judged)} 条）</p>")
        self.feedback.value = head + (f"<ol>{''.join(rows)}</ol>" if rows else "")

    def submit(self) -> int:
        """Record the group's judgments (only the judged clauses) in the store; reveal nothing.
        Returns how many judgments were recorded (0 when the group has no name)."""
        from ..store import StoreError

        name = self.group.value.strip()
        judged = {fid: dd.value for fid, dd in self.choices.items() if dd.value}
        if not name:
            self.status.value = "<div style='color:#b3261e'>请先填写小组名称，再提交。</div>"
            return 0
        if not judged:
            self.status.value = "<div style='color:#b3261e'>还没有对任何一条作出判断。</div>"
            return 0
        truth = dict(zip(self.findings["obligation_id"], self.findings["status"]))
        try:
            for fid, value in judged.items():
                # the answer as the class reads it (违反, 合规 …); the code stays in detail
                self.store.record(notebook=self.notebook, question=self.question, clause=fid,
                                  answer=self.status_zh[value], correct=value == truth[fid],
                                  score=float(value == truth[fid]),
                                  max_score=1.0, group=name, kind="group",
                                  detail={"case_id": self.case_id, "status": value})
        except StoreError:
            self.status.value = "<div style='color:#b3261e'>判断未能保存到答题数据库，请告知教员。</div>"
            return 0
        self.submitted = dict(judged)
        if not self.paced:  # studying alone: the judged clauses may be compared at once
            self.revealed_ids |= set(judged)
        self.status.value = (f"<div style='color:#1b7f3b'>已提交{_e(name)}对 {len(judged)} 条的判断"
                             "（可修改后再次提交，以最后一次为准）。</div>")
        self._render()
        return len(judged)

    def reveal_next(self) -> None:
        """Studying alone: reveal the next clause (in the checker's order)."""
        for fid in self.order:
            if fid not in self.revealed_ids:
                self.revealed_ids.add(fid)
                break
        self._render()

    def refresh(self) -> None:
        """Classroom: show what the instructor has revealed (the poller calls this)."""
        from .live import StopPolling, closed

        if closed(self.widget):
            raise StopPolling
        db = self.store
        if db.revealed(self.notebook, self.question):
            now = set(self.order)
        else:
            now = db.revealed_clauses(self.notebook, self.question) & set(self.order)
        if now != self.revealed_ids:
            self.revealed_ids = now
            self._render()


class CaseSession:
    """A whole 案例研讨 round in one widget (it also works in Voilà, where code cannot be edited):
    a seed, the 抽取案件 button, the drawn case's facts and timeline, and the group's
    :class:`CaseDiscussion` (which carries ``yingsu-main``)."""

    def __init__(self, cases, as_of, seed: int = 2025, *, findings=None, **discussion):
        import ipywidgets as w

        from .. import check_cases
        from ..checks import as_of_date

        self.cases = cases
        self.as_of = as_of_date(as_of)     # parsed once: the draw, the facts and the discussion use it
        self.findings = (check_cases(cases, as_of=as_of, explain=False) if findings is None
                         else findings)
        self.discussion_options = discussion  # store=…, paced=…, poll=… for CaseDiscussion
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
        old = getattr(self, "discussion", None)
        if old is not None and old.poller is not None:
            old.poller.stop()
        self.discussion = CaseDiscussion(self.case, self.as_of, main=True, **self.discussion_options)
        self.discussion_box.children = [self.discussion.widget]
