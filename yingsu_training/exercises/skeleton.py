"""``yingsu exercise new ID``: a filled-in skeleton to edit.

The skeleton is a complete, valid exercise except for its ``TODO`` markers, which validation
flags until the author replaces them. It shows every question kind once.
"""
from __future__ import annotations

SKELETON = """\
# yaml-language-server: $schema=schema.json
# 练习文件格式见 docs/exercises.md。把所有 TODO 换成你的内容后运行：yingsu exercise validate {id}.yaml
id: {id}
title: TODO 练习标题（如：国庆长假前收到起诉状副本）
clauses: ["3.2", "4.2"]          # 考查的条款编号，如 "3.2" 即三（二）
difficulty: 入门                  # 入门 / 进阶 / 挑战
minutes: 10                       # 建议用时（分钟）
narrative: |
  TODO 案情：何时、哪个机关、收到了什么、做了什么。人名、单位名请使用虚构名称。
as_of: 2025-10-15                 # 检查日：按这一天判断“是否已经逾期”
facts:                            # 一条案件记录，列名用英文或中文表头（见 docs/data-contract.md）
  案号: （2025）渝0112行初TODO号
  被诉行政机关: 重庆市渝北区某街道办事处
  区县: 渝北区
  案件类别: 行政强制
  收到起诉状副本日期: 2025-09-20
  提交答辩状日期: 2025-10-09
  提交证据依据日期: 2025-10-09
  已提交证据依据清单: 是
  开庭日期: 2025-11-12
  社会高度关注: 是
  负责人出庭: 是
  出庭负责人职务: 副职
  出庭工作人员人数: 1
  出庭律师人数: 1
questions:
  - id: q1
    kind: 日期                    # 单选 / 多选 / 判断 / 日期 / 计算 / 论述
    clause: "3.2"
    prompt: 该机关最迟应当在哪一天提交答辩状和证据？
    derive: {{period: [收到起诉状副本日期, defence_period_days]}}   # 由日历和法定期间算出
    points: 2
    feedback:
      right: 正确。期间从收到起诉状副本的次日起算，最后一日遇法定节假日顺延。
      wrong: TODO 答错时的讲解（引用条款和法条）。
  - id: q2
    kind: 判断
    clause: "4.2"
    prompt: 本案行政机关负责人必须出庭应诉。
    derive: head_must_appear
    points: 1
    feedback:
      right: 正确。社会高度关注的案件，负责人应当出庭。
      wrong: TODO 答错时的讲解。
  - id: q3
    kind: 多选
    clause: "3.2"
    prompt: 按上述事实，该机关违反了哪些条款？（可多选；都没有违反则不选）
    options: ["3.2", "4.2", "4.3"]
    derive: violations
    points: 2
    feedback:
      right: 正确。
      wrong: TODO 答错时的讲解。
  - id: q4
    kind: 论述
    clause: "4.2"
    prompt: TODO 开放讨论题（不自动评分）。
    points: 5
    rubric:
      - {{point: TODO 评分要点一, points: 3}}
      - {{point: TODO 评分要点二, points: 2}}
"""


def skeleton(exercise_id: str) -> str:
    return SKELETON.format(id=exercise_id)
