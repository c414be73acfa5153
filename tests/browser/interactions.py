"""What a trainee does with each notebook's main widget (.yingsu-main), and what it must answer.

lesson file name (notebooks/NN-名称.md) → steps (Fill / Choose / Click, then Expect on .yingsu-feedback).
A notebook in notebooks/ that is missing here fails its browser test: add its row when you add
the notebook. The expected texts are what a trainee who answers as below must read; the right
answers come from the law (e.g. a period whose last day falls in the National Day holiday ends
on the first working day after it), not from the package's code.
"""

from yingsu_browser import Choose, Click, Expect, Fill

INTERACTIONS: dict[str, list] = {
    # the lesson quizzes are exercises of the bank (exercises/lesson-NN-quiz.yaml): options without
    # letters, the trainee's name in 学员：, feedback 全部正确！自动评分 n / n 分。
    # 00: 四（一）and 七（一）are mechanisms for discussion, 三（二）and 十（一）are checked case by case
    "00-导览.md": [
        Choose("三（二）不得超期答辩举证"), Choose("十（一）认真办理并回复司法建议"),
        Choose("负责人出庭应诉率不高"), Fill("学员甲", label="学员："), Click("提交答案"),
        Expect("全部正确！自动评分 2 / 2 分。"),
    ],
    "01-支持人民法院受理和审理.md": [
        Choose("属于干预", nth=0), Choose("属于干预", nth=1),
        Choose("不属于干预", nth=2), Choose("不属于干预", nth=3), Fill("学员甲", label="学员："),
        Click("提交答案"),
        Expect("全部正确！自动评分 4 / 4 分。"),
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
        Choose("行政赔偿案件"), Choose("征收补偿数额争议"),
        Choose("在法定幅度内确定罚款数额（自由裁量权）的案件"),
        Choose("不允许，属于以欺骗手段使原告撤诉"), Choose("不符合五（一）的要求"),
        Fill("学员甲", label="学员："), Click("提交答案"),
        Expect("全部正确！自动评分 3 / 3 分。"),
    ],
    # a ruling served 2025-04-25, 10 days: the last day 05-05 is in the Labour Day holiday (05-01…05-05)
    "05-履行生效裁判.md": [
        Fill("2025-05-06", label="你的答案"), Click("计算"),
        Expect("回答正确：期间届满日为 2025年05月06日"),
    ],
    "06-职责分工与共同被告.md": [
        Choose("复议机关"), Choose("作出原行为的机关", nth=1), Choose("不是共同被告"),
        Choose("作出罚款决定的执法科室"), Fill("学员甲", label="学员："), Click("提交答案"),
        Expect("全部正确！自动评分 4 / 4 分。"),
    ],
    # 07: on 2025-11-30 the year is not over: no training yet is 待履行 (derived by the 8.2 rule)
    "07-队伍建设与工作保障.md": [
        Choose("待履行"), Choose("不符合九（一）"),
        Choose("招录具有法律职业资格的人员充实应诉岗位"), Choose("发挥政府法律顾问和公职律师作用"),
        Fill("学员甲", label="学员："), Click("提交答案"),
        Expect("全部正确！自动评分 3 / 3 分。"),
    ],
    # a judicial suggestion received 2025-08-04, 60 days: the last day 10-03 is in the National Day holiday
    "08-司法建议与行政复议.md": [
        Fill("2025-10-09", label="你的答案"), Click("计算"),
        Expect("回答正确：期间届满日为 2025年10月09日"),
    ],
    # the first two questions are about the default dataset's statistics; the third is the opinion's own date
    "09-统计通报与考核监督.md": [
        Choose("每年底前"), Fill("学员甲", label="学员："), Click("提交答案"),
        Expect("第3题 ✔ 正确"), Expect("答对 1 / 3 道自动评分题"),
    ],
    "10-案例研讨.md": [
        Choose("合规", nth=0), Choose("违反", nth=1), Fill("第一组", label="小组："), Click("提交小组判断"),
        Expect("已揭晓 2 / "), Expect("已揭晓的 2 条判断中与检查结论一致"),
    ],
    "11-教师指南.md": [
        Choose("检查日决定哪些期限已经届满，从而决定“待履行”还是“违反”"),
        Choose("不知道或尚未发生"), Fill("1", nth=0), Fill("学员甲", label="学员："), Click("提交答案"),
        Expect("全部正确！自动评分 3 / 3 分。"),
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
