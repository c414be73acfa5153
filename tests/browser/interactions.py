"""What a trainee does with each notebook's main widget (.yingsu-main), and what it must answer.

lesson file name (notebooks/NN-名称.md) → steps (Fill / Choose / Click, then Expect on .yingsu-feedback).
A notebook in notebooks/ that is missing here fails its browser test: add its row when you add
the notebook. The expected texts are what a trainee who answers as below must read; the right
answers come from the law (e.g. a period whose last day falls in the National Day holiday ends
on the first working day after it), not from the package's code.
"""

from yingsu_browser import Choose, Click, Expect, Fill

INTERACTIONS: dict[str, list] = {
    # quiz: B. 四（一）and D. 七（一）are mechanisms for discussion, A. 三（二）and C. 十（一）are checked case by case
    "00-导览.md": [
        Choose("A. 三（二）不得超期答辩举证"), Choose("C. 十（一）认真办理并回复司法建议"),
        Choose("A. 负责人出庭应诉率不高"), Click("提交答案"),
        Expect("全部正确！得分 2/2。"),
    ],
    "01-支持人民法院受理和审理.md": [
        Choose("A. 属于干预", nth=0), Choose("A. 属于干预", nth=1),
        Choose("B. 不属于干预", nth=2), Choose("B. 不属于干预", nth=3), Click("提交答案"),
        Expect("全部正确！得分 4/4。"),
    ],
    # received 2025-09-20, 15 days: the last day 10-05 is in the National Day holiday (10-01…10-08)
    "02-答辩举证.md": [
        Fill("2025-10-09", label="你的答案"), Click("计算"),
        Expect("回答正确：期间届满日为 2025年10月09日"),
    ],
    # a case of high social attention: the head must appear; head + 2 staff + 1 lawyer is one agent too many
    "03-出庭应诉.md": [
        Choose("是"), Choose("不合法"), Click("提交答案"),
        Expect("回答正确"),
    ],
    "04-配合开庭审理与调解.md": [
        Choose("A. 行政赔偿案件"), Choose("B. 征收补偿数额争议"),
        Choose("C. 在法定幅度内确定罚款数额（自由裁量权）的案件"),
        Choose("B. 不允许，属于以欺骗手段使原告撤诉"), Choose("B. 不符合五（一）的要求"), Click("提交答案"),
        Expect("全部正确！得分 3/3。"),
    ],
    # a ruling served 2025-04-25, 10 days: the last day 05-05 is in the Labour Day holiday (05-01…05-05)
    "05-履行生效裁判.md": [
        Fill("2025-05-06", label="你的答案"), Click("计算"),
        Expect("回答正确：期间届满日为 2025年05月06日"),
    ],
    "06-职责分工与共同被告.md": [
        Choose("B. 复议机关"), Choose("A. 作出原行为的机关", nth=1), Choose("B. 不是共同被告"),
        Choose("A. 作出罚款决定的执法科室"), Click("提交答案"),
        Expect("全部正确！得分 4/4。"),
    ],
    "07-队伍建设与工作保障.md": [
        Choose("B. 待办（年度未结束）"), Choose("B. 不符合九（一）"),
        Choose("A. 招录具有法律职业资格的人员充实应诉岗位"), Choose("B. 发挥政府法律顾问和公职律师作用"),
        Click("提交答案"),
        Expect("全部正确！得分 3/3。"),
    ],
    # a judicial suggestion received 2025-08-04, 60 days: the last day 10-03 is in the National Day holiday
    "08-司法建议与行政复议.md": [
        Fill("2025-10-09", label="你的答案"), Click("计算"),
        Expect("回答正确：期间届满日为 2025年10月09日"),
    ],
    # the first two questions depend on the generated statistics; the third is the opinion's own date
    "09-统计通报与考核监督.md": [
        Choose("A. 每年底前"), Click("提交答案"),
        Expect("第3题：回答正确"), Expect("有 2 题未作答"),
    ],
    "10-案例研讨.md": [
        Choose("合规", nth=0), Choose("违反", nth=1), Fill("第一组", label="小组："), Click("提交小组判断"),
        Expect("已提交第一组对 2 条的判断"), Expect("已揭晓 2 / "),
    ],
    "11-教师指南.md": [
        Choose("A. 检查日决定哪些期限已经届满，从而决定“待履行”还是“违反”"),
        Choose("B. 不知道或尚未发生"), Choose("A. 至少一次（一到两次）"), Click("提交答案"),
        Expect("全部正确！得分 3/3。"),
    ],
}

# exercise set (exercises/sets/<id>.yaml) → steps on the first exercise of the trainee notebook
# built by `yingsu exercise build <id>`, served in Voilà.
EXERCISE_SET_INTERACTIONS: dict[str, list] = {
    # first exercise: defence-national-day-2025 (served 2025-09-20, defence filed on 10-09)
    "annual-training-2025": [
        Fill("2025-10-09"), Choose("错"), Choose("合规"), Fill("学员甲", label="学员："), Click("提交答案"),
        Expect("全部正确！自动评分 4 / 4 分。"),
        Expect("答案已保存（可多次提交，以最后一次为准）"),   # never the server's path
    ],
}
