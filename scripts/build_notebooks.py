"""Build the training notebooks in notebooks/ from this script (reproducible, reviewable).

    .venv/bin/python scripts/build_notebooks.py            # write all notebooks
    .venv/bin/python scripts/build_notebooks.py 02 05      # only those whose name starts so

Notebooks are written without outputs. Each declares the clauses it covers in
``metadata.yingsu.clauses`` (tests/test_notebooks.py checks that together they cover sections
1–12) and quotes them at run time with ``nbkit.show_clauses`` — clause texts are never typed
here. Scenarios use fictional agencies and people (明月区、青溪县 are invented) on real 2025/2026
calendar dates.
"""
from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "notebooks"


_BLOCK_START = re.compile(r"^(\s*([-*+]|\d+\.)\s|#|\||>|```|\s*$)")


def join_lines(text: str) -> str:
    """Join the wrapped lines of a paragraph (a newline inside Chinese text would render as a
    space); lists, tables, headings, quotes and fenced code keep their lines."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append(line)
            continue
        prev = out[-1] if out else ""
        continuation = (not fenced and out and prev.strip() and not prev.lstrip().startswith(("|", "#", "```"))
                        and not _BLOCK_START.match(line))
        quote_continuation = (not fenced and out and prev.startswith(">") and line.startswith(">")
                              and line[1:].strip())
        if quote_continuation:
            out[-1] = prev.rstrip() + line[1:].strip()
        elif continuation:
            out[-1] = prev.rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def md(text: str):
    return new_markdown_cell(join_lines(textwrap.dedent(text).strip("\n")))


def code(text: str):
    return new_code_cell(textwrap.dedent(text).strip("\n"))


def header(title: str, intro: str, goals: list[str], clauses: list[str]) -> list:
    """Title, 学习目标 and the quoted clauses: the opening every notebook shares."""
    goal_lines = "\n".join(f"- {g}" for g in goals)
    return [
        md(f"# {title}\n\n{textwrap.dedent(intro).strip()}"),
        md(f"## 学习目标\n\n学完本笔记本，你应当能够：\n\n{goal_lines}"),
        md("## 本笔记本涵盖的条款\n\n下面的条文由工具包从渝府办发〔2016〕220号原文载入（不是手工录入），"
           "红色边框的条款有自动检查规则，灰色边框的是研讨条款。点开“法律依据”“2016年以后的变化”可看到"
           "上位法条文和最高人民法院后来的司法解释。"),
        code(f"""
            from datetime import date

            from nbkit import show_clauses

            CLAUSES = {clauses!r}
            show_clauses(CLAUSES)
        """),
    ]


NOTEBOOKS: dict[str, dict] = {}


def notebook(name: str, title: str, clauses: list[str]):
    def register(fn):
        NOTEBOOKS[name] = {"title": title, "clauses": clauses, "cells": fn}
        return fn
    return register


# =============================================================================================
@notebook("00-导览", "导览：如何使用本工具包", ["1"])
def nb00():
    return [
        *header(
            "导览：如何使用本工具包",
            """
            欢迎使用**行政应诉培训与案例研讨工具包**。工具包以《重庆市人民政府办公厅关于加强和改进
            行政应诉工作的实施意见》（渝府办发〔2016〕220号，下称“实施意见”）为主线，把其中的
            每一项要求变成可以计算、可以检查、可以练习的内容。

            > 本工具包中出现的行政机关、人员和案件（如“明月区”“青溪县”及其部门）均为虚构，
            > 日期使用真实的2025、2026年日历（含国务院节假日安排和调休）。
            """,
            ["说出实施意见的结构：十二个部分、24个条款，哪些条款由规则自动检查，哪些用于研讨；",
             "用下面的“条款浏览器”查到任一部分的原文、义务要点、法律依据和对应的笔记本；",
             "知道按什么顺序学习各笔记本，以及练习题怎样作答、怎样看反馈。"],
            ["1"],
        ),
        md("""
            ## 学习路线

            | 笔记本 | 内容 | 对应部分 |
            |---|---|---|
            | `01-支持人民法院受理和审理` | 尊重立案、不得干预 | 二 |
            | `02-答辩举证` | 15日答辩举证期限、证据清单、涉密证据 | 三 |
            | `03-出庭应诉` | 负责人出庭、委托代理人、不得仅委托律师 | 四 |
            | `04-配合开庭审理与调解` | 庭审纪律、可以调解的案件、不得迫使撤诉 | 五 |
            | `05-履行生效裁判` | 上诉期限、履行期限、重作行为 | 六 |
            | `06-职责分工与共同被告` | 谁承办谁应诉、复议机关共同被告 | 七 |
            | `07-队伍建设与工作保障` | 培训、经费、装备 | 八、九 |
            | `08-司法建议与行政复议` | 60日内书面回复司法建议 | 十 |
            | `09-统计通报与考核监督` | 出庭率、违规统计、年度报告 | 十一、十二 |
            | `10-案例研讨` | 随机抽取案件，分组研讨后揭晓检查结果 | 全部 |
            | `11-教师指南` | 导入本单位案件、命令行、出题 | — |

            **怎样使用：** 在 JupyterLab 中从上到下依次运行单元格（菜单“运行 → 运行全部单元格”）。
            每个笔记本开头列出学习目标和条款原文；中间是情景案例；带“提交答案”或“计算”按钮的是练习，
            提交后立即给出反馈，反馈会注明依据的条款，涉及期限的还会给出计算出的届满日期。
        """),
        md("""
            ## 第一部分：为什么要重视行政应诉

            实施意见第一部分没有可以逐案检查的具体义务，它说明了为什么要做好应诉工作，也点出了
            当时存在的问题：重视不够、负责人出庭应诉率不高、执行裁判和办理司法建议不到位、应诉能力不强。
            后面的笔记本会逐一对应这些问题。下面看看实施意见的整体结构：
        """),
        code("""
            from yingsu_training import load_opinion, obligations

            from nbkit import table

            opinion = load_opinion()
            print(f"{opinion.number}《{opinion.title}》，{opinion.issued_on:%Y年%m月%d日}印发")
            print(f"贯彻落实：{opinion.implements}")
            table([
                {"条款": o.label,
                 "类型": "规则自动检查" if o.checked else "研讨条款",
                 "检查对象": {"case": "案件", "suggestion": "司法建议", "agency_year": "机关年度"}.get(o.record, "—"),
                 "法律依据": o.citations}
                for o in obligations().values()
            ])
        """),
        md("""
            ## 条款浏览器

            选择实施意见的一个部分，下面会显示该部分每一条的原文、义务要点、法律依据、
            2016年以后最高人民法院司法解释带来的变化，以及学习该条款的笔记本。
        """),
        code("""
            from nbkit import ClauseBrowser

            browser = ClauseBrowser(section=3)
            browser.widget
        """),
        md("""
            ## 小练习：哪些条款可以“自动检查”？

            工具包把能根据案件事实判断“是否做到”的条款写成了检查规则（例如答辩期限），
            其余条款用于研讨。选择后点击“提交答案”，看看你的判断。
        """),
        code("""
            from yingsu_training.widgets import Quiz
            from yingsu_training import obligation

            ids = ["3.2", "4.1", "10.1", "7.1"]
            quiz = Quiz([
                {"prompt": "下列条款中，哪些由工具包的规则逐案（或逐件、逐年）自动检查？",
                 "options": [obligation(i).label for i in ids],
                 "answer": [k for k, i in enumerate(ids) if obligation(i).checked],
                 "clause": "1",
                 "explanation": "有明确事实和期限可以判断的义务（如15日内答辩举证、60日内回复司法建议）由规则检查；"
                        "建立工作机制、明确分工这类要求没有逐案可判断的事实，用于研讨。"},
                {"prompt": "实施意见第一部分指出的问题中，第四部分“依法履行出庭应诉职责”主要针对哪一个？",
                 "options": ["负责人出庭应诉率不高", "异地应诉案件增加", "应诉经费不足"],
                 "answer": 0, "clause": "4.1",
                 "explanation": "第一部分列举了“行政机关负责人出庭应诉率不高”的问题，第四部分要求建立负责人出庭应诉工作机制、提高出庭比例。"},
            ], title="练习", main=True)
            quiz.widget
        """),
        md("""
            ## 下一步

            打开 `01-支持人民法院受理和审理.ipynb` 开始学习；教师请先读 `11-教师指南.ipynb`。
        """),
    ]


# =============================================================================================
@notebook("01-支持人民法院受理和审理", "二、支持人民法院依法受理和审理行政案件", ["2.1", "2.2"])
def nb01():
    return [
        *header(
            "二、支持人民法院依法受理和审理行政案件",
            """
            立案登记制实施以后，起诉是否受理由人民法院依法决定。行政机关能做、该做的是：
            尊重法院立案、支持当事人行使起诉权、接受司法监督；不能做的是：以任何名义、任何形式
            干预法院受理和审理。
            """,
            ["解释“尊重人民法院依法登记立案”对行政机关意味着什么；",
             "识别常见的干预形式（协调会、发文件、口头要求，明示或暗示）；",
             "说明干预行为的后果：二（二）违规，并依照十二（二）追究责任。"],
            ["2.1", "2.2"],
        ),
        md("""
            ## 情景：征收补偿案件“集中起诉”

            2025年6月，明月区在推进旧城改造时，有37户被征收人就补偿决定向区人民法院起诉。
            区政府办公室的王主任提出三个设想：

            1. 召开一次由法院、征收办、街道参加的协调会，“请法院先不要立案，等我们做通工作”；
            2. 以区政府办公室名义给法院发函，说明“该项目关系全区稳定大局，请法院妥善处理”；
            3. 由征收办主任在开庭前给承办法官打电话，“介绍一下情况”。

            区司法局（承担法制工作）的李科长认为这三件事都不能做。她的依据是二（二）：
            不论是“促进经济发展”还是“维护社会稳定”的名义，不论是开会、发文还是口头要求，
            不论明示还是暗示，目的是让法院不受理或者不判行政机关败诉的，都是干预。
            行政诉讼法第三条第二款也规定行政机关及其工作人员不得干预、阻碍人民法院受理行政案件。

            那么区政府可以做什么？可以做的包括：依法及时答辩举证、负责人出庭、在法律允许调解的
            补偿类案件中积极配合法院调解、在诉讼外依法做好沟通解释工作——这些都不以影响法院是否立案、
            如何裁判为目的。
        """),
        md("""
            ## 检查规则怎样看待干预

            在案件数据中，`interference_recorded`（存在干预受理审理行为）为“是”，二（二）即为违规；
            同时十二（二）要求对干预行为移送追责（`accountability_referred`）。法律依据如下：
        """),
        code("""
            from yingsu_training import obligation

            for cid in ["2.2", "12.2"]:
                ob = obligation(cid)
                print(ob.label)
                print("  义务：", ob.duty)
                for b in ob.legal_basis:
                    print("  依据：", b.citation, "——", b.quote)
        """),
        md("""
            把这起案件交给检查规则（检查日2025年12月31日）。假设协调会已经开了（`interference_recorded` 为“是”），
            也还没有移送追责：
        """),
        code("""
            from nbkit import case_record
            from yingsu_training import explain
            from yingsu_training.widgets import FindingsView

            case = case_record(
                case_id="（2025）渝0199行初233号", agency="明月区人民政府", district="明月区",
                case_type="征收补偿", complaint_received_on=date(2025, 6, 16),
                defence_submitted_on=date(2025, 6, 27), evidence_submitted_on=date(2025, 6, 27),
                evidence_list_submitted=True,
                interference_recorded=True, accountability_referred=False,
            )
            FindingsView(explain(case, as_of=date(2025, 12, 31))).widget
        """),
        md("""
            ## 练习：这算不算干预？

            逐题判断，然后点击“提交答案”。
        """),
        code("""
            from yingsu_training.widgets import Quiz

            quiz = Quiz([
                {"prompt": "区政府召开协调会，请法院对37户被征收人的起诉“暂缓立案”。",
                 "options": ["属于干预", "不属于干预"], "answer": 0, "clause": "2.2",
                 "explanation": "以开协调会的形式，要求法院不受理依法应当受理的案件，属于二（二）禁止的干预。"},
                {"prompt": "区政府办公室致函法院：“该项目关系全区稳定大局，请妥善处理”，函中未提具体要求。",
                 "options": ["属于干预", "不属于干预"], "answer": 0, "clause": "2.2",
                 "explanation": "二（二）禁止“明示或者暗示”；以维护稳定为名发文件暗示法院，同样属于干预。"},
                {"prompt": "被诉的区住房城乡建委在法定期限内向法院提交答辩状，详细说明补偿标准的依据。",
                 "options": ["属于干预", "不属于干预"], "answer": 1, "clause": "2.1",
                 "explanation": "依法答辩举证是参加诉讼、接受司法监督的正当方式，正是二（一）所要求的。"},
                {"prompt": "法院登记立案后，区政府主动安排负责人出庭，并在庭外向被征收人解释补偿政策。",
                 "options": ["属于干预", "不属于干预"], "answer": 1, "clause": "2.1",
                 "explanation": "支持法院审理、在诉讼外依法做好解释工作，不以影响立案或裁判为目的，不构成干预。"},
            ], title="练习", main=True)
            quiz.widget
        """),
        md("""
            ## 案例练习（题库）
        """),
        code("""
            from nbkit import exercise

            exercise("interference-coordination-meeting")
        """),
        md("""
            ## 讨论

            - 你所在单位遇到过哪些“请法院支持”的场合？怎样区分正常的工作沟通和干预？
            - 《领导干部干预司法活动、插手具体案件处理的记录、通报和责任追究规定》要求司法人员全面、
              如实记录干预情况。这对行政机关工作人员意味着什么？
        """),
    ]


# =============================================================================================
@notebook("02-答辩举证", "三、认真做好答辩举证工作", ["3.1", "3.2"])
def nb02():
    return [
        *header(
            "三、认真做好答辩举证工作",
            """
            答辩举证是行政诉讼的第一道关口。被告对作出的行政行为负举证责任，逾期不提供证据的，
            视为没有相应证据（行政诉讼法第三十四条）——超期举证往往直接导致败诉。
            本笔记本教你准确计算答辩举证期限，并检查证据清单和涉密证据的标注。
        """,
            ["准确计算答辩举证期限：从收到起诉状副本的次日起算，届满日遇节假日顺延，调休上班日不顺延；",
             "知道法院准许延期举证后期限怎样变化（行政诉讼法第三十六条、法释〔2018〕1号第三十四条）；",
             "说出答辩举证的质量要求：证据依据清单，涉及国家秘密、商业秘密、个人隐私的证据要注明并提交法院审查确认。"],
            ["3.1", "3.2"],
        ),
        md("""
            ## 期限怎样计算

            期限天数来自工具包的参数表（不是写死的数字），计算方法是行政诉讼法第八十三条（适用民事诉讼法的期间规定）：

            1. 收到起诉状副本的当天不计算，从次日起算；
            2. 期间中间的节假日照常计算；
            3. 最后一日是法定节假日或者周末的，顺延到节假日后的第一个工作日；
            4. 国务院安排的调休上班日（例如国庆前后的周六）是工作日，不顺延。
        """),
        code("""
            from yingsu_training import deadline_detail, parameter, parameters
            from yingsu_training.calendar import day_kind, fmt

            days = parameter("defence_period_days")
            p = parameters()["defence_period_days"]
            print(f"答辩举证期限：{days}日（{p.citation}）")
            for received in [date(2025, 9, 20), date(2025, 9, 26), date(2025, 1, 20), date(2026, 2, 1)]:
                d = deadline_detail(received, days)
                print(f"收到起诉状副本 {fmt(received)} → 届满日 {fmt(d.due)}（{day_kind(d.due)}）")
                print("   ", d.describe())
        """),
        md("""
            注意第二个例子：2025年9月26日收到，第15日是10月11日（星期六），但这一天是国庆节调休上班日，
            所以期限就在10月11日届满，**不会**顺延到10月13日。这是实务中最容易算错的地方。

            ## 情景：明月区市场监督管理局的一起行政处罚案件

            明月区市场监督管理局对某餐饮公司作出罚款决定，公司不服起诉。
            局法规科于**2025年9月26日**收到起诉状副本。承办科室以为“国庆放假，节后再说”，
            10月13日（星期一）才提交答辩状和证据。证据中有一份涉及该公司配方的检验报告（商业秘密），
            提交时没有注明。

            - 答辩举证期限在2025年10月11日届满，10月13日提交已经超期——违反三（二）；
            - 逾期提供的证据，依法视为没有相应证据，罚款决定面临被撤销的风险；
            - 涉及商业秘密的证据没有注明并提交法院审查确认——违反三（一）。

            如果在期限内有不可抗力等正当事由不能提供证据，应当在期限内书面申请延期，
            经法院准许后，证据期限延至法院准许的日期（数据表中的 `evidence_extension_until`）。

            把这起案件的事实交给工具包的检查规则，看看它逐条得出什么结论（检查日固定为2025年12月31日）：
        """),
        code("""
            from nbkit import case_record
            from yingsu_training import explain
            from yingsu_training.widgets import FindingsView
            from yingsu_training.timeline import case_timeline

            AS_OF = date(2025, 12, 31)
            case = case_record(
                case_id="（2025）渝0199行初118号", agency="明月区市场监督管理局", district="明月区",
                case_type="行政处罚",
                complaint_received_on=date(2025, 9, 26),
                defence_submitted_on=date(2025, 10, 13),
                evidence_submitted_on=date(2025, 10, 13),
                evidence_list_submitted=True,
                confidential_evidence=True, confidential_marked=False,
            )
            FindingsView(explain(case, as_of=AS_OF)).widget
        """),
        md("""
            用时间线看更直观：蓝色是法定期限，红色是逾期的步骤。
        """),
        code("""
            fig = case_timeline(case, as_of=AS_OF)
        """),
        md("""
            ## 练习：算一算届满日

            青溪县自然资源局于2025年9月20日收到起诉状副本。答辩状和证据最迟应在哪一天提交？
            在“你的答案”中选择日期，点击“计算”，工具包会判断你的答案，并给出计算过程和日历。
        """),
        code("""
            from yingsu_training.widgets import DeadlineCalculator

            calculator = DeadlineCalculator(start=date(2025, 9, 20), period="defence_period_days",
                                            answer_mode=True, main=True)
            calculator.widget
        """),
        md("""
            ## 案例练习

            下面两道练习来自工具包的案例题库（`exercises/`），填写姓名后提交，答案会保存下来供教师评分。
        """),
        code("""
            from nbkit import exercise

            exercise("defence-tiaoxiu-saturday-2025")
        """),
        code("""
            exercise("evidence-list-confidential")
        """),
        md("""
            ## 2016年以后的变化

            实施意见印发后，最高人民法院的司法解释对举证作了细化：
        """),
        code("""
            from nbkit import changes_table

            changes_table(CLAUSES)
        """),
    ]


# =============================================================================================
@notebook("03-出庭应诉", "四、依法履行出庭应诉职责", ["4.1", "4.2", "4.3"])
def nb03():
    return [
        *header(
            "四、依法履行出庭应诉职责",
            """
            “告官要见官”。行政诉讼法第三条第三款规定被诉行政机关负责人应当出庭应诉；
            不能出庭的，应当委托行政机关相应的工作人员出庭。实施意见第四部分把这一要求具体化，
            2018年、2020年最高人民法院的两部司法解释又进一步细化。
            """,
            ["说出“行政机关负责人”的范围（正职、副职、其他参与分管的负责人）以及不属于负责人的情形；",
             "判断哪些案件负责人**应当**出庭：重大公共利益、社会高度关注、可能引发群体性事件、法院书面建议；",
             "掌握出庭人员的组合规则：负责人出庭可另行委托1至2名代理人；负责人不出庭不得仅委托律师；",
             "知道拒不到庭、中途退庭的法律后果。"],
            ["4.1", "4.2", "4.3"],
        ),
        code("""
            from yingsu_training import parameter, parameters

            n = parameter("max_agents_with_head")
            p = parameters()["max_agents_with_head"]
            print(f"负责人出庭时可以另行委托的诉讼代理人：至多 {n} 名（{p.citation}）")
        """),
        md("""
            ## 情景：三起案件，谁应当出庭？

            **案件A**：明月区人民政府作出的房屋征收决定涉及1,200户居民，当地媒体持续报道。
            开庭日为2025年11月18日。区政府常务副区长出庭，另委托区司法局工作人员和一名律师。

            **案件B**：青溪县人力资源和社会保障局不予认定工伤，法院于2025年10月20日书面建议局长出庭。
            开庭当天局长因参加市里会议未到庭，只委托了一名律师出庭。

            **案件C**：明月区城市管理局对夜市摊贩的一起罚款案件，视频在网上广泛传播，社会高度关注。
            分管执法的副局长出庭，另委托了法规科两名工作人员和一名律师。

            - 案件A属于社会高度关注、涉及重大公共利益的案件，负责人应当出庭——常务副区长是副职负责人，
              符合要求；另行委托2名代理人，未超过上限。
            - 案件B有法院书面建议，负责人应当出庭。参加会议是否属于“需要履行他人不能代替的公务”，
              要按法释〔2020〕3号第八条、第九条提交加盖印章的书面说明和证明；即使有正当理由，
              也只委托律师出庭，违反四（三）“不得仅委托律师出庭”。
            - 案件C社会高度关注，负责人应当出庭，副局长出庭符合要求；但另行委托了3名代理人，
              超过“1至2名”的上限（行政诉讼法第三十一条、法释〔2018〕1号第一百二十八条）。
        """),
        md("""
            检查规则对案件B的结论（检查日2025年12月31日）：
        """),
        code("""
            from nbkit import case_record
            from yingsu_training import explain
            from yingsu_training.widgets import FindingsView

            case_b = case_record(
                case_id="（2025）渝0299行初45号", agency="青溪县人力资源和社会保障局", district="青溪县",
                case_type="工伤认定", complaint_received_on=date(2025, 9, 15),
                defence_submitted_on=date(2025, 9, 28), evidence_submitted_on=date(2025, 9, 28),
                evidence_list_submitted=True, hearing_on=date(2025, 11, 18),
                court_requested_head=True, head_appeared=False, staff_appeared=0, lawyers_appeared=1,
            )
            FindingsView(explain(case_b, as_of=date(2025, 12, 31))).widget
        """),
        md("""
            ## 练习一：出庭情景

            下面的情景是案件C：社会高度关注，分管副局长出庭，另有两名工作人员和一名律师。
            先回答“负责人是否必须出庭”“出庭安排是否合法”，点击“提交答案”。
            然后改变勾选的情况（例如勾选“法院书面建议负责人出庭”、取消“负责人出庭”），再提交，看看结论怎样变化。
        """),
        code("""
            from yingsu_training.widgets import HeadAppearanceScenario

            scenario = HeadAppearanceScenario(
                facts={"high_social_attention": True, "head_appeared": True, "head_role": "副职",
                       "staff_appeared": 2, "lawyers_appeared": 1},
                hearing_on=date(2025, 11, 18), main=True)
            scenario.widget
        """),
        md("""
            ## 练习二：出庭人员的组合合不合规？

            根据每种情形作出判断，然后点击“提交答案”。
        """),
        code("""
            from yingsu_training.widgets import Quiz

            quiz = Quiz([
                {"prompt": "法院书面建议负责人出庭的案件，负责人未出庭，委托了承办科室的一名公务员出庭。",
                 "options": ["符合要求", "不符合要求"], "answer": 1, "clause": "4.2",
                 "explanation": "法院书面建议负责人出庭的案件，被诉行政机关负责人应当出庭；委托工作人员不能代替。"},
                {"prompt": "一般案件，负责人不能出庭，委托承办科室一名工作人员和一名律师出庭。",
                 "options": ["符合要求", "不符合要求"], "answer": 0, "clause": "4.3",
                 "explanation": "负责人不能出庭的，应当委托相应的工作人员出庭，可以同时委托律师，但不得仅委托律师。"},
                {"prompt": "下列人员中，谁可以作为被诉的区市场监督管理局“负责人”出庭？",
                 "options": ["局长", "分管法规工作的副局长", "局属执法支队的支队长", "局法律顾问（律师）"],
                 "answer": [0, 1], "clause": "4.1",
                 "explanation": "负责人包括正职、副职以及其他参与分管的负责人；下级单位或受委托组织的负责人不能作为"
                        "被诉机关负责人出庭（法释〔2020〕3号第二条），律师更不是。"},
                {"prompt": "负责人出庭后，庭审进行到一半，因另有会议未经法庭许可离开。",
                 "options": ["符合要求", "不符合要求"], "answer": 1, "clause": "4.3",
                 "explanation": "未经法庭许可中途退庭的，法院可以缺席判决（行政诉讼法第五十八条），还应依照十二（二）追责。"},
            ], title="练习二", main=False)
            quiz.widget
        """),
        md("""
            ## 案例练习（题库）
        """),
        code("""
            from nbkit import exercise

            exercise("lawyer-only-appearance")
        """),
        md("""
            ## 2016年以后的变化

            法释〔2018〕1号和法释〔2020〕3号对负责人出庭作了系统规定：
        """),
        code("""
            from nbkit import changes_table

            changes_table(CLAUSES)
        """),
        md("""
            ## 讨论

            - 你所在单位的负责人出庭应诉工作机制是怎样的？出庭率多少？（第09笔记本按区县统计出庭率）
            - 负责人“出庭不出声”有什么问题？怎样做好庭前准备，让负责人在庭上能够回应实质问题？
        """),
    ]


# =============================================================================================
@notebook("04-配合开庭审理与调解", "五、配合人民法院做好开庭审理工作", ["5.1", "5.2"])
def nb04():
    return [
        *header(
            "五、配合人民法院做好开庭审理工作",
            """
            出庭不只是“到场”。出庭人员要熟悉法律和案件事实，遵守法庭纪律，积极参与质证、辩论。
            行政诉讼原则上不适用调解，但赔偿、补偿和自由裁量权案件可以调解；调解和撤诉都必须出于
            原告真实意愿，不能靠欺骗、胁迫。
            """,
            ["列出庭前准备的要点：法律依据、案件事实、证据、可能的争点；",
             "判断一类案件能否调解（行政诉讼法第六十条）；",
             "识别以欺骗、胁迫等非法手段使原告撤诉的行为及其后果。"],
            ["5.1", "5.2"],
        ),
        code("""
            from yingsu_training import obligation

            for b in obligation("5.2").legal_basis:
                print(b.citation, "：", b.quote)
        """),
        md("""
            ## 情景：一起补偿案件的调解

            青溪县交通局因修建公路占用了原告刘某的鱼塘，双方对补偿数额有争议，刘某起诉。
            开庭前，县交通局的两种做法：

            - **做法一**：在法院主持下，交通局按评估报告提出补偿方案，刘某同意后签订调解协议——合法，
              补偿案件可以调解，这正是五（二）要求的“积极协助人民法院开展调解”；
            - **做法二**：某镇干部私下告诉刘某“不撤诉的话，你儿子的低保就别想了”，刘某随即申请撤诉——
              这是以胁迫手段使原告撤诉，违反五（二）。法院对撤诉申请要审查是否准许（行政诉讼法第六十二条）。

            **庭前准备清单（五（一））**：答辩状和证据清单复核一遍；准备职权依据、事实证据、程序依据
            三方面的说明；预判原告的质证意见；确定由谁发言、谁回应事实问题；提醒出庭人员法庭纪律。
        """),
        md("""
            做法二交给检查规则的结论（检查日2025年12月31日）：
        """),
        code("""
            from nbkit import case_record
            from yingsu_training import explain
            from yingsu_training.widgets import FindingsView

            case = case_record(
                case_id="（2025）渝0299行初77号", agency="青溪县交通局", district="青溪县",
                case_type="征收补偿", complaint_received_on=date(2025, 7, 7),
                defence_submitted_on=date(2025, 7, 18), evidence_submitted_on=date(2025, 7, 18),
                evidence_list_submitted=True, withdrawal_improperly_induced=True,
            )
            FindingsView(explain(case, as_of=date(2025, 12, 31))).widget
        """),
        md("## 练习：能不能调解？"),
        code("""
            from yingsu_training.widgets import Quiz

            quiz = Quiz([
                {"prompt": "下列行政案件中，哪些人民法院可以调解？",
                 "options": ["行政赔偿案件", "征收补偿数额争议", "在法定幅度内确定罚款数额（自由裁量权）的案件",
                             "确认吊销营业执照程序违法的案件"],
                 "answer": [0, 1, 2], "clause": "5.2",
                 "explanation": "行政诉讼法第六十条：行政诉讼不适用调解，但行政赔偿、补偿以及行政机关行使法律、法规"
                        "规定的自由裁量权的案件可以调解。程序是否违法不能通过调解处分。"},
                {"prompt": "为促使原告撤诉，镇干部承诺“撤诉后一定给你解决”，但事后并无此安排。",
                 "options": ["允许，属于做工作", "不允许，属于以欺骗手段使原告撤诉"], "answer": 1, "clause": "5.2",
                 "explanation": "以欺骗、胁迫等非法手段使原告撤诉是五（二）明确禁止的行为。"},
                {"prompt": "出庭人员对原告的质证意见不回应，只说“以书面答辩为准”。",
                 "options": ["符合五（一）的要求", "不符合五（一）的要求"], "answer": 1, "clause": "5.1",
                 "explanation": "出庭人员应当熟悉案件事实和证据，积极参与质证、辩论、陈述等庭审活动。"},
            ], title="练习", main=True)
            quiz.widget
        """),
        md("""
            ## 案例练习（题库）
        """),
        code("""
            from nbkit import exercise

            exercise("withdrawal-pressure")
        """),
        md("""
            ## 讨论

            - 哪些情况下，行政机关改变原行政行为、原告同意撤诉是正当的？怎样留痕才能证明撤诉出于原告真实意愿？
            - 庭审中遇到原告情绪激动、言辞过激时，出庭人员应当怎样应对？
        """),
    ]


# =============================================================================================
@notebook("05-履行生效裁判", "六、积极履行人民法院生效裁判", ["6.1", "6.2"])
def nb05():
    return [
        *header(
            "六、积极履行人民法院生效裁判",
            """
            裁判生效后，行政机关必须履行。认为裁判确有错误的，要在上诉期内上诉，或在法定期间内申请再审，
            而不是拖延不办。被判决重新作出行政行为的，不得以同一事实和理由作出与原行为基本相同的行为。
            """,
            ["计算上诉期限：判决书送达后15日、裁定书送达后10日（期限从参数表读取，届满日遇节假日顺延）；",
             "判断履行是否逾期，知道拒不履行的后果（行政诉讼法第九十六条：对负责人按日罚款等）；",
             "判断“重作”的行为是否违反六（二），以及程序违法、法律适用问题被撤销的例外。"],
            ["6.1", "6.2"],
        ),
        code("""
            from yingsu_training import deadline_detail, parameter, parameters
            from yingsu_training.calendar import fmt

            for name, served in [("appeal_period_judgment_days", date(2025, 12, 12)),
                                 ("appeal_period_ruling_days", date(2025, 4, 25))]:
                p = parameters()[name]
                d = deadline_detail(served, parameter(name))
                print(f"{p.description}：{p.at()}日（{p.citation}）")
                print(f"   送达 {fmt(served)} → 上诉期届满 {fmt(d.due)}；{d.describe()}")

            low, high = parameter("fine_per_day_min_yuan"), parameter("fine_per_day_max_yuan")
            print(f"拒不履行的，从期满之日起对行政机关负责人按日处{low}元至{high}元罚款"
                  f"（{parameters()['fine_per_day_min_yuan'].citation}）")
        """),
        md("""
            ## 情景：判决撤销并责令重作

            明月区规划和自然资源局对原告陈某的违法建设作出限期拆除决定。法院经审理认为该决定
            认定事实不清，于2025年12月12日（星期五）送达判决：撤销该决定，责令60日内重新作出行政行为。

            - 局里认为判决有错误，想上诉。判决的上诉期为15日，第15日是12月27日（星期六），
              顺延到**12月29日**（星期一）。12月30日才递交上诉状就迟了。
            - 局里决定不上诉。重作时，如果仍然依据同样的事实和理由作出基本相同的拆除决定，
              就违反了六（二）；如果原决定是因为**程序违法**或**法律适用问题**被撤销，补正程序、
              正确适用法律后重作相同结果的决定，不受此限。本案是“事实不清”，不属于例外。
            - 判决确定的履行期限届满仍未履行的，违反六（一），并应依照十二（二）追责。
        """),
        md("""
            假设局里没有上诉，判决确定的重作期限为2026年2月27日，局里在2026年3月20日才以原来的事实和理由
            重新作出了拆除决定。下面是检查规则的结论和案件时间线（检查日2026年3月31日）：
        """),
        code("""
            from nbkit import case_record
            from yingsu_training import explain
            from yingsu_training.widgets import FindingsView
            from yingsu_training.timeline import case_timeline

            AS_OF = date(2026, 3, 31)
            case = case_record(
                case_id="（2025）渝0199行初301号", agency="明月区规划和自然资源局", district="明月区",
                case_type="行政强制", complaint_received_on=date(2025, 8, 11),
                defence_submitted_on=date(2025, 8, 22), evidence_submitted_on=date(2025, 8, 22),
                evidence_list_submitted=True, hearing_on=date(2025, 10, 28),
                head_appeared=True, head_role="副职", staff_appeared=1,
                decision_kind="判决撤销并责令重作", decision_served_on=date(2025, 12, 12),
                performance_due_on=date(2026, 2, 27), performed_on=date(2026, 3, 20),
                remade_same_act=True, revoked_for_procedure_or_law=False,
            )
            FindingsView(explain(case, as_of=AS_OF)).widget
        """),
        code("""
            fig = case_timeline(case, as_of=AS_OF)
        """),
        md("""
            ## 练习：上诉期限在哪天届满？

            青溪县市场监督管理局于2025年4月25日收到一审**裁定书**。如果不服，最迟应在哪一天提起上诉？
            在“你的答案”中选择日期，点击“计算”。
        """),
        code("""
            from yingsu_training.widgets import DeadlineCalculator

            calculator = DeadlineCalculator(start=date(2025, 4, 25), period="appeal_period_ruling_days",
                                            answer_mode=True, main=True)
            calculator.widget
        """),
        md("## 练习：重作的行为合不合规？"),
        code("""
            from yingsu_training.widgets import Quiz

            quiz = Quiz([
                {"prompt": "原处罚决定因未告知陈述申辩权（程序违法）被撤销并责令重作。机关补正告知程序后，作出与原决定相同的罚款决定。",
                 "options": ["违反六（二）", "不违反六（二）"], "answer": 1, "clause": "6.2",
                 "explanation": "原行为因程序违法被撤销的，补正程序后作出相同结果的行为，不受“不得以同一事实和理由”限制。"},
                {"prompt": "原拆除决定因认定事实不清被撤销并责令重作。机关未补充调查，以同样的事实和理由再次作出拆除决定。",
                 "options": ["违反六（二）", "不违反六（二）"], "answer": 0, "clause": "6.2",
                 "explanation": "以同一事实和理由作出与原行为基本相同的行为，违反六（二）和行政诉讼法第七十一条。"},
                {"prompt": "判决要求30日内支付补偿款，机关因“预算尚未批复”逾期两个月才支付。",
                 "options": ["违反六（一）", "不违反六（一）"], "answer": 0, "clause": "6.1",
                 "explanation": "生效裁判必须在确定的期限内履行；超过履行期限即为未履行，法院可以按日对负责人罚款。"},
            ], title="练习", main=False)
            quiz.widget
        """),
        md("""
            ## 案例练习（题库）
        """),
        code("""
            from nbkit import exercise

            exercise("performance-overdue-fine")
        """),
    ]


# =============================================================================================
@notebook("06-职责分工与共同被告", "七、明确行政应诉工作职责分工", ["7.1", "7.2"])
def nb06():
    return [
        *header(
            "七、明确行政应诉工作职责分工",
            """
            应诉工作由谁来做？实施意见确立了“谁承办、谁应诉”的原则，法制机构负责组织、协调、指导。
            经过复议、复议机关决定维持的案件，原机关和复议机关是共同被告，两者的举证责任如何分工，
            是实务中的重点。
            """,
            ["说明“谁承办、谁应诉”原则下承办机构和法制机构各自的职责；",
             "判断什么情况下复议机关成为共同被告（复议维持，包括驳回复议请求）；",
             "说出共同被告的举证分工：原行为的合法性由原机关具体举证，复议程序的合法性由复议机关举证。"],
            ["7.1", "7.2"],
        ),
        md("""
            ## 情景：复议维持后的共同被告

            明月区住房和城乡建设委员会对某物业公司作出警告和罚款的处罚决定。公司向明月区人民政府
            申请行政复议，区政府于2025年8月决定**维持**。公司起诉，区住建委和区政府是共同被告。

            | 工作 | 谁负责 |
            |---|---|
            | 处罚决定的证据收集、答辩、出庭 | 区住建委（作出原行为的承办机关，“谁承办、谁应诉”） |
            | 对原行为应诉的指导、共同做好举证 | 区政府（复议机关），具体由区住建委实施 |
            | 复议程序合法性的证据（受理、通知、审查、决定、送达） | 区政府（复议机关）自己举证 |
            | 组织、协调、指导，统筹重大复杂案件 | 法制工作机构（区司法局） |

            数据表中 `reconsideration_upheld`（复议维持）为“是”时，检查规则要求
            `review_organ_proved_procedure`（复议机关已对复议程序举证）也为“是”，否则违反七（二）。
        """),
        code("""
            from nbkit import changes_table
            from yingsu_training import obligation

            for b in obligation("7.2").legal_basis:
                print(b.citation, "：", b.quote)
            changes_table(CLAUSES)
        """),
        md("""
            如果区政府（复议机关）没有提交复议程序的证据，检查规则的结论是（检查日2025年12月31日）：
        """),
        code("""
            from nbkit import case_record
            from yingsu_training import explain
            from yingsu_training.widgets import FindingsView

            case = case_record(
                case_id="（2025）渝0199行初402号", agency="明月区住房和城乡建设委员会", district="明月区",
                case_type="行政处罚", complaint_received_on=date(2025, 9, 1),
                defence_submitted_on=date(2025, 9, 12), evidence_submitted_on=date(2025, 9, 12),
                evidence_list_submitted=True,
                reconsideration_upheld=True, review_organ_proved_procedure=False,
            )
            FindingsView(explain(case, as_of=date(2025, 12, 31))).widget
        """),
        md("## 练习：谁来举证？"),
        code("""
            from yingsu_training.widgets import Quiz

            quiz = Quiz([
                {"prompt": "复议机关维持原处罚决定后被共同起诉。“复议决定已依法送达”的证据应由谁提供？",
                 "options": ["作出原行为的机关", "复议机关", "原告"], "answer": 1, "clause": "7.2",
                 "explanation": "复议机关对复议程序的合法性承担举证责任。"},
                {"prompt": "同一案件中，原处罚决定所依据的现场检查笔录应由谁具体提交？",
                 "options": ["作出原行为的机关", "复议机关", "法制机构"], "answer": 0, "clause": "7.2",
                 "explanation": "共同被告共同做好原行为的应诉举证工作，由作出原行政行为的行政机关具体实施。"},
                {"prompt": "复议机关以“申请超过复议期限、不符合受理条件”为由驳回复议申请，当事人起诉。复议机关是否为共同被告？",
                 "options": ["是共同被告", "不是共同被告"], "answer": 1, "clause": "7.2",
                 "explanation": "法释〔2018〕1号第一百三十三条：驳回复议请求视为维持，但以复议申请不符合受理条件为由驳回的除外。"},
                {"prompt": "按照“谁承办、谁应诉”，一起城管罚款案件的答辩状主要应由谁起草？",
                 "options": ["作出罚款决定的执法科室", "政府法制机构", "外聘律师"], "answer": 0, "clause": "7.1",
                 "explanation": "作出被诉行政行为的承办机关或者机构具体负责证据收集确认、答辩举证、出庭应诉；法制机构组织、协调、指导。"},
            ], title="练习", main=True)
            quiz.widget
        """),
        md("""
            ## 案例练习（题库）
        """),
        code("""
            from nbkit import exercise

            exercise("joint-defendant-review")
        """),
    ]


# =============================================================================================
@notebook("07-队伍建设与工作保障", "八、九、应诉队伍建设与工作保障", ["8.1", "8.2", "9.1", "9.2"])
def nb07():
    return [
        *header(
            "八、加强行政应诉队伍建设　九、提高行政应诉工作保障水平",
            """
            应诉能力取决于人、钱和装备。实施意见要求充实应诉队伍、每年开展集中培训、
            经费列入行政经费、配备必要的设施设备。这些要求按“机关 × 年度”检查。
            """,
            ["说出应诉队伍建设的要求：法律职业资格人员、政府法律顾问、公职律师；",
             "按“每年一到两次集中培训”判断一个机关当年是否达标，知道年度未结束时怎样判断（“待办”）；",
             "说明经费、装备保障的要求，以及它们与依法行政考核（十二（一））的关系。"],
            ["8.1", "8.2", "9.1", "9.2"],
        ),
        code("""
            from yingsu_training import parameter, parameters

            p = parameters()["trainings_per_year_min"]
            print(f"{p.description}：{parameter('trainings_per_year_min')}次（{p.citation}）")
        """),
        md("""
            ## 情景：两个单位的年度自查

            2025年11月，明月区司法局组织各部门自查应诉队伍建设和保障情况：

            | 单位 | 集中培训 | 应诉经费列入预算 | 说明 |
            |---|---|---|---|
            | 明月区市场监督管理局 | 2次 | 是 | 4月组织旁听负责人出庭案件庭审，9月开展案例研讨 |
            | 明月区农业农村委员会 | 0次 | 否 | “案件少，没必要”；应诉费用从业务经费临时列支 |

            - 市场监督管理局达到八（二）、九（一）的要求；
            - 农业农村委员会截至11月尚未培训：年度还没结束，八（二）记为“待办”（pending），
              到12月31日仍为0次才是违规；经费未列入预算，九（一）违规。

            八（二）还提到可以组织领导干部和执法人员**旁听庭审**、定期开展**案例研讨**——
            第10笔记本就是为案例研讨准备的。
        """),
        md("""
            用检查规则核对这两个单位（检查日2025年11月30日，年度尚未结束）。
            十一（二）（年度统计报送）和十二（一）（纳入考核）在第09笔记本讲解，这里没有填写，规则会显示“待办”或“信息不足”。
        """),
        code("""
            import pandas as pd

            from yingsu_training import check_agencies
            from yingsu_training.widgets import FindingsView

            agencies = pd.DataFrame([
                {"agency": "明月区市场监督管理局", "year": 2025, "trainings_held": 2, "funding_in_budget": True},
                {"agency": "明月区农业农村委员会", "year": 2025, "trainings_held": 0, "funding_in_budget": False},
            ])
            FindingsView(check_agencies(agencies, as_of=date(2025, 11, 30))).widget
        """),
        md("## 练习：年度检查"),
        code("""
            from yingsu_training.widgets import Quiz

            quiz = Quiz([
                {"prompt": "截至2025年11月30日，某局当年尚未开展集中培训。检查结果应为：",
                 "options": ["违规", "待办（年度未结束）", "不适用"], "answer": 1, "clause": "8.2",
                 "explanation": "每年开展一到两次集中培训；年度结束前未培训记为待办，年度结束仍未培训才是违规。"},
                {"prompt": "某局2025年的应诉律师费从“办公费”科目临时列支，没有列入行政经费预算。",
                 "options": ["符合九（一）", "不符合九（一）"], "answer": 1, "clause": "9.1",
                 "explanation": "应诉经费应当列入行政经费，专项用于行政应诉工作，由本级财政保障。"},
                {"prompt": "下列哪些做法符合八（一）“加强行政应诉工作力量”的要求？",
                 "options": ["招录具有法律职业资格的人员充实应诉岗位", "发挥政府法律顾问和公职律师作用",
                             "所有案件一律外包给律师事务所"],
                 "answer": [0, 1], "clause": "8.1",
                 "explanation": "八（一）要求选拔具有法律职业资格或相关从业经历的人员，发挥法律顾问和公职律师作用；"
                        "全部外包既不符合“谁承办、谁应诉”，也可能导致仅委托律师出庭。"},
            ], title="练习", main=True)
            quiz.widget
        """),
        md("""
            ## 案例练习（题库）
        """),
        code("""
            from nbkit import exercise

            exercise("annual-training-agency")
        """),
    ]


# =============================================================================================
@notebook("08-司法建议与行政复议", "十、有效预防和化解行政争议", ["10.1", "10.2"])
def nb08():
    return [
        *header(
            "十、有效预防和化解行政争议",
            """
            司法建议是人民法院在审理中发现行政管理问题后提出的改进建议。实施意见要求自收到之日起
            60日内书面回复，并抄送本级政府法制机构。行政复议则是把争议化解在行政程序中的主渠道。
            """,
            ["计算司法建议的回复期限（60日，届满日遇节假日顺延）；",
             "知道回复的两个要件：书面回复司法机关，并抄送本级政府法制机构；",
             "理解行政复议在源头预防和化解行政争议中的作用。"],
            ["10.1", "10.2"],
        ),
        code("""
            from yingsu_training import deadline_detail, parameter, parameters
            from yingsu_training.calendar import fmt

            p = parameters()["suggestion_reply_days"]
            days = parameter("suggestion_reply_days")
            print(f"{p.description}：{days}日（{p.citation}）")
            for received in [date(2025, 8, 1), date(2025, 8, 4)]:
                d = deadline_detail(received, days)
                print(f"收到 {fmt(received)} → 回复期限 {fmt(d.due)}；{d.describe()}")
        """),
        md("""
            ## 情景：一份关于征收程序的司法建议

            2025年8月4日，明月区人民法院在审理多起征收补偿案件后，向明月区房屋征收事务中心发出司法建议，
            指出补偿决定送达程序不规范。

            - 60日的第60日是10月3日（国庆假期），回复期限顺延至**10月9日**；
            - 中心于9月28日（国庆节调休上班日）书面回复法院，但忘记抄送区司法局——回复及时，
              但不完整，仍违反十（一）；
            - 办理过程中，中心应当与法院沟通，听取意见；整改措施要落到实处，才能从源头减少同类争议（十（二））。

            作为对照，明月区城市管理局于8月20日收到另一份司法建议，第60日是10月19日（星期日），顺延至10月20日；
            该局10月17日书面回复并抄送了区司法局。下面用检查规则核对这两份司法建议（检查日2025年12月31日）：
        """),
        code("""
            import pandas as pd

            from yingsu_training import check_suggestions
            from yingsu_training.widgets import FindingsView

            suggestions = pd.DataFrame([
                {"suggestion_id": "明法建〔2025〕7号", "agency": "明月区房屋征收事务中心",
                 "received_on": date(2025, 8, 4), "replied_on": date(2025, 9, 28),
                 "copied_to_legal_office": False},
                {"suggestion_id": "明法建〔2025〕9号", "agency": "明月区城市管理局",
                 "received_on": date(2025, 8, 20), "replied_on": date(2025, 10, 17),
                 "copied_to_legal_office": True},
            ])
            FindingsView(check_suggestions(suggestions, as_of=date(2025, 12, 31))).widget
        """),
        md("""
            ## 练习：回复期限在哪天届满？

            在“你的答案”中选择日期，点击“计算”。
        """),
        code("""
            from yingsu_training.widgets import DeadlineCalculator

            calculator = DeadlineCalculator(start=date(2025, 8, 4), period="suggestion_reply_days",
                                            answer_mode=True, main=True)
            calculator.widget
        """),
        md("""
            ## 案例练习（题库）
        """),
        code("""
            from nbkit import exercise

            exercise("judicial-suggestion-national-day")
        """),
        md("""
            ## 讨论

            - 你所在单位收到的司法建议由谁登记、谁办理、谁回复？怎样避免超期？
            - 行政复议中发现原行为违法的，复议机关应当怎样纠正？复议纠错率与应诉败诉率之间有什么关系？
        """),
    ]


# =============================================================================================
@notebook("09-统计通报与考核监督", "十一、十二、统计通报与考核监督", ["11.1", "11.2", "12.1", "12.2"])
def nb09():
    return [
        *header(
            "十一、加强行政应诉工作统筹管理　十二、强化行政应诉工作考核监督",
            """
            统计、通报、考核、追责，是让前面各项要求落地的“抓手”。本笔记本用工具包自带的2025年模拟数据集
            （2,000件案件、120份司法建议、321个机关年度记录，全部为模拟数据）演示年度统计：
            负责人出庭率、各条款违反情况、年度统计分析和报送。
            """,
            ["说出年度统计的主要指标及其口径（负责人出庭率、按期答辩举证率、败诉率、生效裁判按期履行率、司法建议按期回复率）；",
             "读懂按区县的出庭率图和按条款的违反情况图，找出需要通报和督促的单位；",
             "知道年底前报送统计分析、纳入法治政府建设年度报告（十一（二））和纳入依法行政考核（十二（一））的要求，以及哪些行为应当追责（十二（二））。"],
            ["11.1", "11.2", "12.1", "12.2"],
        ),
        md("""
            ## 载入默认数据集

            数据集在项目的 `datasets/` 文件夹（由 `make datasets` 用固定种子生成，每次逐字节相同）。
            检查日固定为2026年3月31日（数据集说明中约定的检查日），统计年度为2025年。
        """),
        code("""
            from pathlib import Path

            from yingsu_training import load_agencies, load_cases, load_suggestions
            from yingsu_training.stats import METRICS, statistics

            DATA = Path("..") / "datasets"
            AS_OF, YEAR = date(2026, 3, 31), 2025
            cases = load_cases(DATA / "cases-2025.csv")
            suggestions = load_suggestions(DATA / "suggestions-2025.csv")
            agencies = load_agencies(DATA / "agencies-2025.csv")
            stats = statistics(cases, suggestions, agencies, as_of=AS_OF, year=YEAR)
            print(f"案件 {len(cases)} 件，司法建议 {len(suggestions)} 份，机关年度记录 {len(agencies)} 条")
        """),
        md("## 全市主要指标"),
        code("""
            city = stats.zh("city").T
            city.columns = ["全市"]
            city.head(15)
        """),
        md("""
            指标的口径由工具包统一定义（和 `yingsu report` 生成的年度报告“指标说明”页相同）：
        """),
        code("""
            from nbkit import table

            table([{"指标": m.name, "单位": m.unit, "口径": m.definition, "依据": m.basis} for m in METRICS])
        """),
        md("""
            ## 各区县负责人出庭率

            虚线是全市平均水平。出庭率低于平均水平的区县，是通报和督促的重点（四（一）要求提高负责人出庭应诉比例）。
        """),
        code("""
            from IPython.display import Image

            from yingsu_training.report import charts

            chart_list = charts(stats)  # the same matplotlib charts as the year-end report (CJK font)
            by_district = stats.tables["district"]
            Image(next(c for c in chart_list if "负责人出庭率" in c.title).png)
        """),
        md("""
            ## 各条款的检查结论

            每条检查规则在全部记录上的结论分布：合规、违反、待履行、信息不足（数据缺项）。
        """),
        code("""
            Image(next(c for c in chart_list if "条款" in c.title).png)
        """),
        code("""
            from yingsu_training.stats import violations_zh

            violations_zh(stats.violations)
        """),
        md("""
            ## 十二（二）：哪些案件应当追责

            十二（二）列举了应当追责的行为：干预法院受理审理、拒不到庭或中途退庭、负责人不出庭也不委托工作人员、
            拒不履行裁判、拒不办理司法建议。检查规则对有前三类（案件中可以记录的）情形的案件，核对是否已移送追责：
        """),
        code("""
            from yingsu_training.checks import explain_findings
            from yingsu_training.widgets import FindingsView

            case_findings = stats.findings["case"]  # the checker's findings the statistics count
            not_referred = case_findings[(case_findings["obligation_id"] == "12.2")
                                         & (case_findings["status"] == "violation")]
            print(f"应移送追责而未移送的案件：{len(not_referred)} 件（下面列出前5件）")
            FindingsView(explain_findings(not_referred.head(5), cases, as_of=AS_OF)).widget
        """),
        md("""
            ## 练习：读懂统计表

            下面的题目由数据集计算出来（不是预先写好的答案）。先看上面的图表，再作答。
        """),
        code("""
            from yingsu_training.widgets import Quiz

            from yingsu_training.stats import UNKNOWN_LABEL

            rate = (by_district["head_appearance_rate"].drop(index=UNKNOWN_LABEL, errors="ignore")
                    .dropna().sort_values(kind="stable"))
            lowest, highest = rate.index[0], rate.index[-1]
            options = sorted([lowest, highest, rate.index[len(rate) // 2], rate.index[len(rate) // 3]])
            viol = stats.violations["violation"].sort_values(ascending=False, kind="stable")
            top = viol.index[0]
            clause_options = sorted([top, *[c for c in viol.index[1:4]]], key=lambda c: [int(x) for x in c.split(".")])
            from yingsu_training import obligation

            quiz = Quiz([
                {"prompt": "这些区县中，2025年负责人出庭率最低的是哪一个？",
                 "options": options, "answer": options.index(lowest), "clause": "4.1",
                 "explanation": f"{lowest}的负责人出庭率为{rate[lowest]:.1%}，全市为"
                                f"{stats.city['head_appearance_rate'].iloc[0]:.1%}。出庭率按开庭案件计算，"
                                "“负责人出庭”未填写的案件不计入。"},
                {"prompt": "全市违反次数最多的是哪一条？",
                 "options": [obligation(c).label for c in clause_options],
                 "answer": clause_options.index(top), "clause": "11.2",
                 "explanation": f"{obligation(top).label}违反 {int(viol[top])} 次。统计分析应当找出问题最集中的环节，"
                                "作为通报和整改的重点（十一（二））。"},
                {"prompt": "各区县人民政府、市政府各部门应当在什么时候向市政府法制机构报送本年度行政应诉案件统计分析情况？",
                 "options": ["每年底前", "次年3月31日前", "每季度末"], "answer": 0, "clause": "11.2",
                 "explanation": "十一（二）要求每年底前报送，同时将行政应诉工作纳入法治政府建设年度报告；"
                                "检查规则以当年12月31日为期限。"},
            ], title="练习", main=True)
            quiz.widget
        """),
        md("""
            ## 年度报告

            十一（二）要求每年底前报送统计分析情况。工具包把上面的统计写成一份年度报告：
            一个可以离线打开、直接发送的 HTML 网页，或者一个 Excel 工作簿（汇总、按区县、按被诉机关、
            按案件类别、条款违反情况、图表、指标说明）。下面把网页版写到一个临时文件夹：
        """),
        code("""
            import tempfile

            from yingsu_training.report import title_of, write_html

            with tempfile.TemporaryDirectory(prefix="yingsu-report-") as folder:  # deleted after the cell
                out = write_html(stats, Path(folder) / "行政应诉年度报告-2025.html", chart_list)
                print(title_of(stats))
                print(f"已写出：{out.name}（{out.stat().st_size // 1024} KB）。"
                      "这里只是演示，临时文件夹随即删除；要保存报告，用下面的 yingsu report 命令")
        """),
        md("""
            报告中的其余图表：
        """),
        code("""
            from IPython.display import display

            for c in chart_list:
                if "负责人出庭率" not in c.title and "条款" not in c.title:
                    display(Image(c.png))
        """),
        md("""
            在命令行中生成 Excel 和网页两种格式（项目文件夹下）：

            ```bash
            yingsu report datasets/cases-2025.csv --suggestions datasets/suggestions-2025.csv \\
                --agencies datasets/agencies-2025.csv --year 2025 --as-of 2026-03-31 \\
                -o 行政应诉年度报告-2025.xlsx --html 行政应诉年度报告-2025.html
            ```
        """),
    ]


# =============================================================================================
@notebook("10-案例研讨", "案例研讨", ["3.2", "4.2", "4.3", "6.1", "12.2"])
def nb10():
    return [
        *header(
            "案例研讨",
            """
            八（二）要求通过定期开展案例研讨等活动提高应诉能力。本笔记本用于课堂研讨：从默认数据集中
            **按种子抽取**一件案件（同一种子总是抽到同一件，方便全班对照），各小组逐条判断，然后由检查器
            逐条揭晓结论，边揭晓边讨论。课堂上可以用 `make classroom` 把本笔记本作为只读网页打开。
            """,
            ["把案件事实逐条对照实施意见，独立作出“合规、违反、待履行、不适用、信息不足”的判断；",
             "读懂检查器给出的每一条结论和依据，找出自己判断不一致的原因；",
             "在时间线上看清各个法定期限和实际办理时间。"],
            ["3.2", "4.2", "4.3", "6.1", "12.2"],
        ),
        md("""
            ## 载入数据集

            默认数据集为2025年模拟案件（`datasets/cases-2025.csv`，2,000件），检查日固定为2026年3月31日。
            研讨只从检查器发现至少一处违反的案件中抽取，讨论更充分。
        """),
        code("""
            from pathlib import Path

            from yingsu_training import check_cases, load_cases

            AS_OF = date(2026, 3, 31)
            cases = load_cases(Path("..") / "datasets" / "cases-2025.csv")
            findings = check_cases(cases, as_of=AS_OF, explain=False)
            print(f"共 {len(cases)} 件案件，其中 {findings.loc[findings['status'] == 'violation', 'case_id'].nunique()} 件至少有一处违反")
        """),
        md("""
            ## 抽取案件并研讨

            1. 教师确定种子（例如当天的日期 20260315），点击“抽取案件”——同一种子总是抽到同一件案件；
            2. 各小组阅读“案件事实”和“时间线”两页；
            3. 对每一条选择判断，点击“提交答案”对照检查结论；或者由教师点击“揭晓下一条”，一条一条揭晓、一条一条讨论。
        """),
        code("""
            from nbkit import CaseSession

            session = CaseSession(cases, as_of=AS_OF, seed=2025, findings=findings)
            session.widget
        """),
        md("""
            ## 讨论提纲

            1. 哪一条你们的判断和检查结论不一致？是对事实的理解不同，还是对条文的理解不同？
            2. 如果你是该机关的法制机构负责人，哪一个环节最先需要改进？怎样改？
            3. 本案有没有应当依照十二（二）追责的情形？
            4. 检查器的结论是“信息不足”的条款，还需要向承办机构核实什么事实？

            ## 课后：浏览更多案件

            用案例浏览器按区县、案件类别、条款和结论筛选，选一件案件查看事实、结论和时间线。
        """),
        code("""
            from yingsu_training.widgets import CaseExplorer

            explorer = CaseExplorer(cases, as_of=AS_OF, main=False)
            explorer.widget
        """),
    ]


# =============================================================================================
@notebook("11-教师指南", "教师指南", ["1", "8.2"])
def nb11():
    return [
        *header(
            "教师指南",
            """
            本笔记本写给组织培训的教师和法制机构工作人员：工具包由哪些部分组成，怎样导入本单位的案件、
            运行检查、生成统计和年度报告，怎样编写案例练习题。
            """,
            ["说出工具包的组成：条文数据、义务目录与参数、节假日日历、检查规则、模拟数据、统计报告、练习题和笔记本；",
             "用 Excel 模板整理本单位案件，用 `yingsu check` 检查、用 `yingsu report` 生成年度报告；",
             "编写、校验一道案例练习题，并用它组织八（二）要求的集中培训和案例研讨。"],
            ["1", "8.2"],
        ),
        md("""
            ## 一、工具包怎样构成

            | 部分 | 位置 | 说明 |
            |---|---|---|
            | 实施意见原文 | `yingsu_training/data/opinion.yaml` | 12个部分、24个条款，由原文生成，笔记本和反馈都从这里引用，不手工录入 |
            | 义务目录 | `yingsu_training/data/obligations.yaml` | 每一条是规则还是研讨条款、法律依据、2018年和2020年司法解释带来的变化 |
            | 参数 | `yingsu_training/data/parameters.yaml` | 15日、10日、60日、代理人至多2名等数字，带生效日期和出处 |
            | 节假日日历 | `yingsu_training/data/calendar/` | 国务院每年的节假日和调休安排；新的一年可以补充一个小文件 |
            | 检查规则 | `yingsu_training/rules/` | 每条一个模块，结论为合规、违反、待履行、不适用、信息不足 |
            | 数据集 | `datasets/` | 2025年模拟数据（2,000件案件）及标准答案 |
            | 练习题 | `exercises/` | 每题一个 YAML 文件，答案由规则推出并校验 |
            | 笔记本 | `notebooks/` | 本系列笔记本，由 `scripts/build_notebooks.py` 生成 |

            参数和义务目录可以直接查看：
        """),
        code("""
            from nbkit import table
            from yingsu_training import parameters

            table([{"参数": p.name, "含义": p.description, "现行值": p.at(), "出处": p.citation}
                   for p in parameters().values()])
        """),
        md("""
            ## 二、导入本单位的案件

            1. 生成 Excel 模板（中文表头、下拉选项、说明页和两行示例）：

               ```bash
               yingsu template cases 案件模板.xlsx
               yingsu template suggestions 司法建议模板.xlsx
               yingsu template agencies 机关年度模板.xlsx
               ```

            2. 每件一审行政案件填一行。空白表示“不知道或尚未发生”（例如尚未开庭）。
               日期可以写 2025-10-09、2025/10/9 或 2025年10月9日；是/否列写“是”“否”。
            3. 用 `load_cases` 读入。填错的单元格会一次全部列出（文件、行、列、原值、问题），改好后再读。

            下面在临时文件夹中生成模板，并读入工具包自带的数据集演示：
        """),
        code("""
            import tempfile
            from pathlib import Path

            from yingsu_training import load_cases
            from yingsu_training.template import write_template

            with tempfile.TemporaryDirectory(prefix="yingsu-") as folder:  # deleted after the cell
                template = write_template("cases", Path(folder) / "案件模板.xlsx")
                print("模板已生成：", template.name, "（演示用，临时文件夹随即删除；保存模板用 yingsu template）")
            cases = load_cases(Path("..") / "datasets" / "cases-2025.xlsx")
            print(f"读入 {len(cases)} 件案件，{cases.shape[1]} 列")
        """),
        md("""
            填写有误时会怎样？下面故意把一个日期写错、把一个“是/否”写成“可能”：
        """),
        code("""
            import pandas as pd

            from yingsu_training import DataError
            from yingsu_training.loaders import coerce_frame

            bad = pd.DataFrame([{"案号": "（2025）渝0199行初1号", "被诉行政机关": "明月区城市管理局",
                                 "收到起诉状副本日期": "2025年13月2日", "负责人出庭": "可能"}])
            try:
                coerce_frame(bad, "cases", source="演示.xlsx")
            except DataError as exc:
                print(exc.report())
        """),
        md("""
            ## 三、检查、统计与年度报告

            在命令行中（项目文件夹下，激活 `.venv` 后）：

            ```bash
            # 逐案逐条检查：屏幕上打印各条款汇总，-o 写出逐条结论（每类记录一个工作表，另有“汇总”表）
            yingsu check 本单位案件.xlsx --suggestions 司法建议.xlsx --agencies 机关年度.xlsx \\
                --as-of 2026-03-31 -o 检查结论.xlsx
            # 年度统计报告：Excel 工作簿，--html 同时写出可离线打开的网页
            yingsu report 本单位案件.xlsx --suggestions 司法建议.xlsx --agencies 机关年度.xlsx \\
                --year 2025 --as-of 2026-03-31 -o 年度报告.xlsx --html 年度报告.html
            ```

            **检查日（as_of）一定要写明**：同一批数据，检查日不同，“待履行”和“违反”的结论就不同。
            在 Python 中是同样的函数：
        """),
        code("""
            from yingsu_training import check_cases
            from yingsu_training.checks import summary

            AS_OF = date(2026, 3, 31)
            findings = check_cases(cases, as_of=AS_OF, explain=False)
            summary(findings, zh=True)
        """),
        md("""
            ## 四、编写案例练习题

            每道练习是 `exercises/` 中的一个 YAML 文件：案情（narrative）、检查日、事实（用案件表的中文表头）
            和若干问题；问题的标准答案可以由规则推出（`derive`），校验时工具包会用检查规则核对你写的答案。
            格式见 `docs/exercises.md`。常用命令：

            ```bash
            yingsu exercise new my-first-case            # 在 exercises/ 中生成骨架，把 TODO 换成内容
            yingsu exercise validate                     # 校验全部练习（列出每处问题和行号）
            yingsu exercise build annual-training-2025 -o 学员练习.ipynb  # 为练习集生成学员笔记本（不含答案）
            yingsu exercise grade answers/ -o 成绩.xlsx  # 批改学员答案，输出 Excel 成绩表
            ```

            在笔记本中展示一道练习（学员填写姓名后提交，答案保存在 `answers/` 文件夹，可以统一评分）：
        """),
        code("""
            from nbkit import exercise

            exercise("comprehensive-new-year-2026")
        """),
        md("""
            ## 五、组织一次培训

            八（二）要求每年开展一到两次集中培训，并通过案例研讨提高应诉能力。一个半天的安排示例：

            | 时间 | 内容 | 笔记本 |
            |---|---|---|
            | 30分钟 | 导览，实施意见结构 | 00 |
            | 60分钟 | 答辩举证与出庭应诉（期限计算、出庭情景） | 02、03 |
            | 30分钟 | 履行裁判、司法建议 | 05、08 |
            | 60分钟 | 分组案例研讨（`make classroom` 以只读页面打开第10笔记本） | 10 |

            课前用下面的小测验检查自己是否掌握了工具包的用法。
        """),
        code("""
            from yingsu_training.widgets import Quiz

            quiz = Quiz([
                {"prompt": "同一批案件数据，为什么检查时必须写明检查日（as_of）？",
                 "options": ["检查日决定哪些期限已经届满，从而决定“待履行”还是“违反”", "检查日只影响报告的封面"],
                 "answer": 0, "clause": "3.2",
                 "explanation": "期限未届满、尚未办理的是“待履行”；过了期限仍未办理的才是“违反”。"},
                {"prompt": "模板中“负责人出庭”一栏空白表示什么？",
                 "options": ["负责人没有出庭", "不知道或尚未发生"], "answer": 1, "clause": "4.1",
                 "explanation": "空白表示未知；规则需要该事实时给出“信息不足”，统计出庭率时不计入。"},
                {"prompt": "八（二）要求行政机关每年开展几次应诉人员集中培训？",
                 "options": ["至少一次（一到两次）", "每季度一次", "不作要求"], "answer": 0, "clause": "8.2",
                 "explanation": "每年开展一到两次集中培训；检查规则以至少一次为达标。"},
            ], title="教师自测", main=True)
            quiz.widget
        """),
    ]


def build(name: str, spec: dict) -> Path:
    nb = new_notebook(cells=spec["cells"]())
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["yingsu"] = {"title": spec["title"], "clauses": spec["clauses"]}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
    nbformat.validate(nb)
    path = OUT / f"{name}.ipynb"
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    for name, spec in NOTEBOOKS.items():
        if argv and not any(name.startswith(a) for a in argv):
            continue
        print(build(name, spec).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
