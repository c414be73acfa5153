"""Validating exercise files: every problem, each with its file and line.

Checks, in order: YAML syntax (safe loader), the JSON Schema (``data/exercise.schema.json``),
TODO markers left from ``yingsu exercise new``, the file name, the facts through the loader's
checks (the same checks a spreadsheet gets), and every key against the rules: a derived key must
be derivable, an explicit key must fit its question, and a question with both must agree.
"""
from __future__ import annotations

import copy
import difflib
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from ..calendar import CalendarError
from ..errors import DataError
from ..opinion import load_opinion
from .core import (RECORD_TABLES, RECORD_ZH, DeriveError, Exercise, ExerciseError, ExerciseProblem,
                   _frames, _freeze, build_exercise, derive_key, implied_derive, merge_records)
from .jsonschema_def import load_schema
from .model import KIND_ALIASES, KIND_ZH, Located, YamlSyntaxError, load_located


def _import_jsonschema():
    """Import jsonschema without its optional IRI-format checker.

    When ``rfc3987_syntax`` is installed (JupyterLab's dependencies bring it), ``import jsonschema``
    builds its Lark grammar: about 3 s in every kernel that shows an exercise. The exercise schema
    uses no IRI formats, so the import is hidden from jsonschema while it loads (it treats the
    package as absent) and restored at once for anyone else.
    """
    import sys

    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import jsonschema as module
        return module
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # → ImportError inside jsonschema
    try:
        import jsonschema as module
    finally:
        del sys.modules["rfc3987_syntax"]
    return module


jsonschema = _import_jsonschema()


FIELD_ZH = {
    "id": "编号", "title": "标题", "clauses": "条款", "difficulty": "难度", "narrative": "案情",
    "as_of": "检查日", "facts": "案件事实", "questions": "题目", "kind": "题型", "clause": "考查条款",
    "prompt": "题干", "points": "分值", "feedback": "反馈", "right": "答对时的反馈",
    "wrong": "答错时的反馈", "options": "选项", "key": "标准答案", "derive": "推导方式",
    "rubric": "评分要点", "value": "选项值", "text": "选项文字", "point": "要点",
    "suggestion": "司法建议", "agency_year": "机关年度情况",
}
TYPE_ZH = {"string": "文字", "number": "数字", "integer": "整数", "boolean": "是/否",
           "array": "列表（每项以“- ”开头）", "object": "若干“名称: 值”", "null": "空"}


def _zh_field(name) -> str:
    return f"{name}（{FIELD_ZH[name]}）" if name in FIELD_ZH else str(name)


# ---------------------------------------------------------------------------------------------
# normalising what YAML gives (dates as date objects, 3.2 as a float)

def normalise(data):
    """A JSON-like copy: dates → ISO text, and clause ids written as numbers → text."""
    doc = copy.deepcopy(data)

    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, datetime):
            return v.date().isoformat()
        if isinstance(v, date):
            return v.isoformat()
        return v

    doc = plain(doc)
    if not isinstance(doc, dict):
        return doc
    ids = set(load_opinion().ids)

    def cid(v):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            text = str(int(v)) if float(v).is_integer() and str(int(v)) in ids else str(v)
            return text if text in ids else v
        return v

    if isinstance(doc.get("clauses"), list):
        doc["clauses"] = [cid(c) for c in doc["clauses"]]
    questions = doc.get("questions")
    for q in questions if isinstance(questions, list) else []:
        if not isinstance(q, dict):
            continue
        if "clause" in q:
            q["clause"] = cid(q["clause"])
        d = q.get("derive")
        if isinstance(d, dict):
            for k in ("deadline", "status", "violates"):
                if k in d:
                    d[k] = cid(d[k])
        kind = q.get("kind")
        if isinstance(kind, (str, int)) and KIND_ALIASES.get(kind) in ("single", "multiple"):
            if isinstance(q.get("options"), list):
                q["options"] = [cid(o) if not isinstance(o, dict) else
                                {**o, "value": cid(o.get("value"))} for o in q["options"]]
            if isinstance(q.get("key"), list):
                q["key"] = [cid(k) for k in q["key"]]
            elif "key" in q:
                q["key"] = cid(q["key"])
    return doc


# ---------------------------------------------------------------------------------------------
# schema errors in Chinese

def _schema_message(err: jsonschema.ValidationError) -> tuple[tuple, str]:
    path = tuple(err.absolute_path)
    v = err.validator
    where = _zh_field(path[-1]) if path and isinstance(path[-1], str) else (
        f"第{path[-1] + 1}项" if path else "文件")
    if v == "required":
        missing = [m for m in err.validator_value if not isinstance(err.instance, dict) or m not in err.instance]
        return path, "缺少必填项：" + "、".join(_zh_field(m) for m in missing)
    if v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})), key=str)
        known = list(err.schema.get("properties", {}))
        msgs = []
        for e in extra:
            close = difflib.get_close_matches(str(e), known, n=1)
            msgs.append(f"不认识的项“{e}”" + (f"（是否想写“{close[0]}”？）" if close else ""))
        return path + ((extra[0],) if extra else ()), "；".join(msgs) + f"。可用的项：{'、'.join(known)}"
    if v == "propertyNames" or (v == "enum" and "propertyNames" in err.schema_path):
        col = err.instance
        names = err.schema["enum"]
        close = difflib.get_close_matches(str(col), names, n=1, cutoff=0.5)
        return path + (col,), (f"“{col}”不是数据约定中的列名" + (f"（是否想写“{close[0]}”？）" if close else "")
                              + "；列名见 docs/data-contract.md，英文列名或中文表头均可")
    if v == "enum":
        allowed = "、".join(str(x) for x in err.validator_value[:30])
        more = " …" if len(err.validator_value) > 30 else ""
        return path, f"{where}的值“{err.instance}”不在允许范围内（可选：{allowed}{more}）"
    if v == "const":
        return path, f"{where}应为“{err.validator_value}”"
    if v == "type":
        types = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = "或".join(TYPE_ZH.get(t, t) for t in types)
        return path, f"{where}应为{want}，实际写的是“{err.instance}”"
    if v in ("minItems", "minProperties"):
        return path, f"{where}至少要有 {err.validator_value} 项"
    if v == "maxItems":
        return path, f"{where}至多 {err.validator_value} 项"
    if v == "minLength":
        return path, f"{where}不能为空"
    if v in ("exclusiveMinimum", "minimum"):
        return path, f"{where}应大于{'' if v == 'exclusiveMinimum' else '或等于'} {err.validator_value}，实际为 {err.instance}"
    if v == "pattern":
        return path, f"{where}“{err.instance}”格式不对（只能用小写字母、数字和连字符，如 defence-national-day）"
    if v == "uniqueItems":
        return path, f"{where}有重复的项"
    if v == "format":
        return path, f"{where}“{err.instance}”不是日期，应写作 2025-10-15"
    if v == "not":
        return path, "论述题不写标准答案（key/derive），由教员按评分要点（rubric）批阅"
    if v == "anyOf":
        return path, "缺少标准答案：请写 key（标准答案），或写 derive（由检查规则推出）"
    if v == "oneOf":
        if path and path[-1] == "derive":
            return path, (f"derive 写法不对（“{err.instance}”）；可用：violations、head_must_appear、checked_clauses、none、"
                          "{deadline: 条款}、{period: [起算日列, 期间参数]}、{status: 条款}、"
                          "{violates: 条款}、{daily_fine: max 或 min, days: 天数或 overdue}、{parameter: 参数名}")
        best = jsonschema.exceptions.best_match(err.context) if err.context else None
        if best is not None:
            return _schema_message(best)
        return path, f"{where}的写法不对（“{err.instance}”）"
    return path, f"{where}：{err.message}"


_VALIDATOR = None


def _validator():
    global _VALIDATOR
    if _VALIDATOR is None:
        schema = load_schema()
        _VALIDATOR = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return _VALIDATOR


def _todo_paths(data, path=()) -> Iterable[tuple]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _todo_paths(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _todo_paths(v, path + (i,))
    elif isinstance(data, str) and "TODO" in data:
        yield path


# ---------------------------------------------------------------------------------------------

def check_file(path: str | Path) -> tuple[Exercise | None, list[ExerciseProblem]]:
    """Validate one exercise file: ``(exercise or None, problems)``; no problems = valid."""
    file = str(path)
    try:
        loc = load_located(path)
    except YamlSyntaxError as exc:
        return None, [ExerciseProblem(file, exc.line, exc.message)]
    except OSError as exc:
        return None, [ExerciseProblem(file, 1, f"无法读取文件（{exc.strerror}）")]
    problems: list[ExerciseProblem] = []

    def add(p, message, key_line=False):
        line = loc.key_line(p) if key_line else loc.line(p)
        problems.append(ExerciseProblem(file, line, message))

    for p, line in loc.duplicates:
        problems.append(ExerciseProblem(file, line, f"“{p[-1]}”重复出现（后一个会覆盖前一个）"))
    if not isinstance(loc.data, dict):
        add((), "文件内容应为若干“名称: 值”（id、title、clauses…），见 yingsu exercise new 生成的模板")
        return None, problems
    doc = normalise(loc.data)
    schema_errs = sorted(_validator().iter_errors(doc), key=lambda e: [str(x) for x in e.absolute_path])
    bad_paths: set[tuple] = set()
    # a misspelled key is one problem, on the key's own line: "不认识的项 titel（是否想写 title？）",
    # without a second "缺少必填项 title" for the same slip
    misspelled = {tuple(e.absolute_path) + (m,) for e in schema_errs
                  if e.validator == "additionalProperties" for m in _near_known(e).values()}
    for err in schema_errs:
        bad_paths.add(tuple(err.absolute_path)[:2])
        if err.validator == "additionalProperties":
            for key, close in _near_known(err, every=True).items():
                known = "、".join(err.schema.get("properties", {}))
                add(tuple(err.absolute_path) + (key,),
                    f"不认识的项“{key}”" + (f"（是否想写“{close}”？）" if close else "")
                    + f"。可用的项：{known}", key_line=True)
            continue
        if err.validator == "required" and isinstance(err.instance, dict):
            missing = [m for m in err.validator_value if m not in err.instance
                       and tuple(err.absolute_path) + (m,) not in misspelled]
            if not missing:
                continue
            add(tuple(err.absolute_path), "缺少必填项：" + "、".join(_zh_field(m) for m in missing))
            continue
        p, msg = _schema_message(err)
        add(p, msg, key_line="propertyNames" in err.schema_path)
    for p in _todo_paths(doc):
        add(p, "还有 TODO 标记没有填写")
    stem = Path(file).stem
    if isinstance(doc.get("id"), str) and doc["id"] != stem:
        add(("id",), f"编号“{doc['id']}”与文件名“{stem}.yaml”不一致（文件应命名为 {doc['id']}.yaml）")
    if schema_errs:
        # every problem in one round: the facts are checked, and the questions the schema found
        # no fault in are checked against them, on a copy of the document without its faulty
        # parts (nothing is built from it but the problems)
        records_ok = not any(tuple(e.absolute_path)[:1] in {("facts",), ("suggestion",), ("agency_year",)}
                             for e in schema_errs)
        record_problems = _check_records(loc, doc) if records_ok else []
        problems += record_problems
        repaired = _without_faults(doc, schema_errs, stem)
        if repaired is not None:
            part, positions = repaired
            try:
                ex = build_exercise(loc, part)
                problems += _check_questions(loc, part, ex, facts_ok=records_ok and not record_problems,
                                             positions=positions)
            except (KeyError, TypeError, ValueError, DataError, CalendarError):
                pass  # the schema problems above already say what is wrong
        return None, _sorted(problems)
    # discussion-only exercises may have no records; derived keys then fail in _check_questions
    record_problems = _check_records(loc, doc)
    problems += record_problems
    ex = build_exercise(loc, doc)
    problems += _check_questions(loc, doc, ex, facts_ok=not record_problems)
    return (ex if not problems else None), _sorted(problems)


def _sorted(problems):
    seen, out = set(), []
    for p in sorted(problems, key=lambda p: p.line):
        if (p.line, p.message) not in seen:
            seen.add((p.line, p.message))
            out.append(p)
    return out


def _check_records(loc: Located, doc: dict) -> list[ExerciseProblem]:
    """The exercise's records, and each question's own hypothetical facts written over them,
    through the loader's checks; a problem is reported on the line of the cell that causes it."""
    problems = _record_problems(loc, {k: doc.get(k) for k in RECORD_TABLES}, ())
    if problems:
        return problems  # every question stands on the exercise's records: fix those first
    questions = doc.get("questions")
    for n, q in enumerate(questions if isinstance(questions, list) else []):
        if not isinstance(q, dict) or not any(isinstance(q.get(k), dict) for k in RECORD_TABLES):
            continue
        merged = merge_records({k: doc[k] for k in RECORD_TABLES if isinstance(doc.get(k), dict)},
                               {k: q[k] for k in RECORD_TABLES if isinstance(q.get(k), dict)})
        label = f"第{n + 1}题（{q.get('id')}）的"
        problems += _record_problems(loc, merged, ("questions", n), own=q, label=label)
    return problems


def _record_problems(loc: Located, records: dict, where: tuple, own: dict | None = None,
                     label: str = "") -> list[ExerciseProblem]:
    """Problems of ``records`` ({kind: record}); ``where`` is the path of the document part that
    holds them (``()`` or a question's path), ``own`` that part when it holds only some columns."""
    problems = []
    for kind, table in RECORD_TABLES.items():
        rec = records.get(kind)
        if not isinstance(rec, dict):
            continue
        known = set(table.names) | set(table.zh_to_name)
        clean = {k: v for k, v in rec.items() if k in known}
        if len(clean) != len(rec):
            continue  # unknown columns were reported by the schema
        written = own.get(kind) if own is not None else rec
        written = written if isinstance(written, dict) else {}
        try:
            _frames(loc.file, _freeze({kind: clean}))
        except DataError as exc:
            for prob in exc.problems:
                path = where + (kind, prob.column) if prob.column in written else where + (kind,)
                if prob.column not in written and prob.column is not None:
                    # the loader may name the column by its contract name or Chinese header
                    for col in written:
                        if table.zh_to_name.get(col, col) in (prob.column, table.zh_to_name.get(prob.column)):
                            path = where + (kind, col)
                msg = prob.message + (f"（值：“{prob.value}”）" if prob.value not in (None, "") else "")
                if prob.column and path == where + (kind,):
                    msg = f"“{prob.column}”：" + msg
                problems.append(ExerciseProblem(loc.file, loc.line(path),
                                                f"{label}{RECORD_ZH[kind]}：{msg}"))
        except CalendarError as exc:
            problems.append(ExerciseProblem(loc.file, loc.line(where + (kind,)), f"{label}{exc}"))
    return problems


def _near_known(err, every: bool = False) -> dict[str, str | None]:
    """The unknown keys of an additionalProperties error → the known key each nearly is."""
    known = [str(k) for k in err.schema.get("properties", {})]
    extra = sorted(set(err.instance) - set(err.schema.get("properties", {})), key=str)
    out = {}
    for e in extra:
        close = difflib.get_close_matches(str(e), known, n=1)
        if close or every:
            out[e] = close[0] if close else None
    return out


#: stand-ins for missing or faulty top-level items, so that the questions can still be checked
_STAND_INS = {"title": "（标题）", "narrative": "（案情）", "difficulty": "入门"}


def _without_faults(doc: dict, errors, stem: str):
    """(a copy of ``doc`` without the parts the schema faulted, original position of each kept
    question), or None when too little is left to check the questions."""
    part = {k: v for k, v in doc.items()}
    drop_questions: set[int] = set()
    for err in errors:
        path = tuple(err.absolute_path)
        if not path:
            if err.validator == "additionalProperties":
                for key in set(err.instance) - set(err.schema.get("properties", {})):
                    part.pop(key, None)
            elif err.validator == "required":
                for key in err.validator_value:
                    if key not in part:
                        if key in _STAND_INS:
                            part[key] = _STAND_INS[key]
                        elif key == "id":
                            part[key] = stem
                        elif key != "clauses":
                            return None  # as_of or questions: nothing to check against
            continue
        if path[0] == "questions" and len(path) >= 2 and isinstance(path[1], int):
            drop_questions.add(path[1])
        elif path[0] in _STAND_INS:
            part[path[0]] = _STAND_INS[path[0]]
        elif path[0] == "id":
            part["id"] = stem
        elif path[0] in ("facts", "suggestion", "agency_year", "tags", "author", "minutes"):
            part.pop(path[0], None)
        elif path[0] != "clauses":
            return None
    questions = part.get("questions")
    if not isinstance(questions, list):
        return None
    positions = [i for i in range(len(questions)) if i not in drop_questions]
    part["questions"] = [questions[i] for i in positions]
    if not positions:
        return None
    clauses = part.get("clauses")
    if not (isinstance(clauses, list) and clauses and all(isinstance(c, str) for c in clauses)):
        # the clauses list is itself faulty (reported): check each question against its own
        part["clauses"] = sorted({str(q.get("clause")) for q in part["questions"] if isinstance(q, dict)})
    if any(_validator().iter_errors(part)):
        return None
    return part, positions


def _check_questions(loc: Located, doc: dict, ex: Exercise, facts_ok: bool,
                     positions: list[int] | None = None) -> list[ExerciseProblem]:
    problems = []

    def add(path, message):
        problems.append(ExerciseProblem(loc.file, loc.line(path), message))

    seen_ids: dict[str, int] = {}
    for i, q in enumerate(ex.questions):
        n = positions[i] if positions is not None else i  # the question's place in the file
        qp = ("questions", n)
        label = f"第{n + 1}题（{q.id}）"
        if q.id in seen_ids:
            add(qp + ("id",), f"{label}：题号与第{seen_ids[q.id] + 1}题重复")
        seen_ids.setdefault(q.id, n)
        if q.clause not in ex.clauses:
            add(qp + ("clause",), f"{label}：考查条款 {q.clause} 不在本练习的 clauses 中"
                                  f"（{'、'.join(ex.clauses)}）")
        values = [o.value for o in q.options]
        if len(set(values)) != len(values):
            add(qp + ("options",), f"{label}：选项有重复的值")
        if q.kind == "open":
            continue
        if q.derive is None and q.explicit_key is None:
            add(qp, f"{label}：写了 derive: none 就要写 key（标准答案）")
            continue
        # the explicit key must fit the question
        explicit = None
        if q.explicit_key is not None:
            try:
                explicit = q.parse_answer(q.explicit_key)
            except ValueError as exc:
                add(qp + ("key",), f"{label}：标准答案不符合{KIND_ZH[q.kind]}的格式：{exc}")
                continue
            if q.kind == "single" and explicit not in values:
                add(qp + ("key",), f"{label}：标准答案“{explicit}”不是任何一个选项的值"
                                   f"（选项值：{'、'.join(values)}）")
                continue
            if q.kind == "multiple" and not set(explicit) <= set(values):
                bad = "、".join(v for v in explicit if v not in values)
                add(qp + ("key",), f"{label}：标准答案中的“{bad}”不是选项的值（选项值：{'、'.join(values)}）")
                continue
        spec, implied = q.derive, False
        if spec is None:
            spec = implied_derive(ex, q) if facts_ok else None
            implied = True
        if spec is None:
            continue
        want = _derive_kind(spec)
        if want and q.kind != want:
            add(qp + ("derive",), f"{label}：这种 derive 只能用于{KIND_ZH[want]}，本题是{KIND_ZH[q.kind]}")
            continue
        if not facts_ok:
            continue  # the record problems already explain why nothing can be derived
        try:
            derived, _ = derive_key(ex, q, spec)
        except DeriveError as exc:
            if not implied:
                add(qp + ("derive",), f"{label}：无法由检查规则推出答案：{exc}")
            continue
        except CalendarError as exc:
            add(qp + ("derive",), f"{label}：{exc}")
            continue
        except DataError as exc:  # pragma: no cover - records are checked first
            add(qp + ("derive",), f"{label}：{exc.problems[0].message}")
            continue
        if explicit is not None and not q.is_right(explicit, derived):
            why = ("（本题没有写 derive，按题型、选项和考查条款由检查规则复核；若本题问的是假设情形，"
                   "请加上 derive: none）" if implied else "")
            add(qp + ("key",), f"{label}：写明的标准答案“{q.answer_text(explicit)}”与检查规则推出的答案"
                               f"“{q.answer_text(derived)}”不一致{why}")
    return problems


def _derive_kind(spec) -> str | None:
    if spec in ("violations", "checked_clauses"):
        return "multiple"
    if spec == "head_must_appear":
        return "true_false"
    if isinstance(spec, dict):
        for k, kind in (("deadline", "date"), ("period", "date"), ("status", "single"),
                        ("violates", "true_false"), ("daily_fine", "number"), ("parameter", "number")):
            if k in spec:
                return kind
    return None


def load_exercise(path_or_id) -> Exercise:
    """A valid exercise by id or path; :class:`ExerciseError` listing every problem otherwise."""
    from .model import find_exercise

    path = find_exercise(path_or_id)
    ex, problems = check_file(path)
    if problems:
        raise ExerciseError(problems)
    return ex


def validate_paths(paths: Iterable[str | Path] | None = None) -> tuple[int, list[ExerciseProblem]]:
    """Validate files and folders (default: every exercise and set). ``(files checked, problems)``."""
    from .model import exercise_files, exercises_dir, set_files
    from .sets import check_set_file

    files: list[Path] = []
    sets: list[Path] = []
    targets = [Path(p) for p in paths] if paths else [exercises_dir()]
    for t in targets:
        if t.is_dir():
            files += exercise_files(t)
            sets += set_files(t)
        elif t.parent.name == "sets" and t.suffix in (".yaml", ".yml"):
            sets.append(t)
        else:
            files.append(t)
    problems: list[ExerciseProblem] = []
    for f in files:
        problems += check_file(f)[1]
    for s in sets:
        problems += check_set_file(s)[1]
    return len(files) + len(sets), problems
