"""The JSON Schema of an exercise file, built from the data contract (one source of truth).

``yingsu_training/data/exercise.schema.json`` is this schema written out (``exercises/schema.json``
is a copy for editors: VS Code's YAML extension reads the ``# yaml-language-server: $schema=``
line at the top of each exercise). A test checks the files equal :func:`build_schema`; after
changing this module run ``python -m yingsu_training.exercises.jsonschema_def`` to rewrite both.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import schema as contract
from ..catalogue import parameters
from ..opinion import load_opinion
from .model import DIFFICULTY_ALIASES, KIND_ALIASES, PROJECT_ROOT

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "data" / "exercise.schema.json"
EDITOR_COPY = PROJECT_ROOT / "exercises" / "schema.json"

STATUS_WORDS = list(contract.STATUSES) + list(contract.STATUS_ZH.values())
CHOICE_KINDS = [k for k, v in KIND_ALIASES.items() if v in ("single", "multiple")]


def _columns(table) -> list[str]:
    return [c.name for c in table.columns] + [c.zh for c in table.columns]


def _record(table, title: str) -> dict:
    return {
        "type": "object", "title": title,
        "description": f"{table.zh}表的一条记录，键可用英文列名或中文表头（见 docs/data-contract.md）",
        "propertyNames": {"enum": _columns(table)},
        "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
        "minProperties": 1,
    }


def build_schema() -> dict:
    clause_ids = load_opinion().ids
    params = [name for name, p in parameters().items() if p.unit == "days"]  # periods in days
    date_columns = [c.name for t in contract.TABLES.values() for c in t.columns if c.kind == "date"]
    date_columns += [c.zh for t in contract.TABLES.values() for c in t.columns if c.kind == "date"]
    clause = {"type": "string", "enum": clause_ids}
    derive = {
        "description": "由检查规则推出答案（不写 key，或写了 key 时必须与之一致）",
        "oneOf": [
            {"const": "violations", "description": "本案违反了哪些条款（多选题，选项值为条款编号）"},
            {"const": "head_must_appear", "description": "负责人是否必须出庭（判断题，四（二））"},
            {"const": "checked_clauses", "description": "哪些条款由检查规则自动检查（多选题，选项值为条款编号）"},
            {"const": "none", "description": "不由规则复核（问的是假设情形时使用）"},
            {"type": "object", "additionalProperties": False, "required": ["deadline"],
             "properties": {"deadline": clause}, "description": "检查器算出的该条款期限（日期题）"},
            {"type": "object", "additionalProperties": False, "required": ["period"],
             "properties": {"period": {"type": "array", "minItems": 2, "maxItems": 2,
                                       "prefixItems": [{"enum": date_columns}, {"enum": params}]}},
             "description": "法定期间：[起算日列, 期间参数名]（日期题）"},
            {"type": "object", "additionalProperties": False, "required": ["status"],
             "properties": {"status": clause}, "description": "该条款的检查结论（单选题）"},
            {"type": "object", "additionalProperties": False, "required": ["violates"],
             "properties": {"violates": clause}, "description": "是否违反该条款（判断题）"},
            {"type": "object", "additionalProperties": False, "required": ["daily_fine", "days"],
             "properties": {"daily_fine": {"enum": ["min", "max"]},
                            "days": {"oneOf": [{"type": "integer", "minimum": 1},
                                               {"const": "overdue"}]}},
             "description": "行政诉讼法第九十六条按日罚款：每日下限/上限 × 天数（计算题）"},
            {"type": "object", "additionalProperties": False, "required": ["parameter"],
             "properties": {"parameter": {"enum": sorted(n for n, p in parameters().items() if p.numeric)}},
             "description": "工具包参数表（parameters.yaml）中该参数在检查日的数值（计算题）"},
        ],
    }
    option = {"oneOf": [
        {"type": ["string", "number"]},
        {"type": "object", "required": ["value", "text"], "additionalProperties": False,
         "properties": {"value": {"type": ["string", "number", "boolean"]},
                        "text": {"type": "string", "minLength": 1}}},
    ]}
    question = {
        "type": "object",
        "required": ["id", "kind", "clause", "prompt", "points"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": ["string", "integer"], "description": "题号，在本练习内唯一，如 q1"},
            "kind": {"enum": list(KIND_ALIASES), "description": "题型"},
            "clause": clause,
            "prompt": {"type": "string", "minLength": 1, "description": "题干"},
            "options": {"type": "array", "minItems": 2, "items": option},
            "key": {"description": "标准答案（论述题不写）"},
            "derive": derive,
            "tolerance": {"type": "number", "minimum": 0, "description": "计算题允许的误差"},
            "unit": {"type": "string", "description": "计算题的单位，如 元"},
            "points": {"type": "number", "exclusiveMinimum": 0, "description": "分值"},
            "facts": _record(contract.CASES, "本题的假设案件事实（逐项覆盖练习的 facts），由检查规则推出本题答案"),
            "suggestion": _record(contract.SUGGESTIONS, "本题的假设司法建议（逐项覆盖练习的 suggestion）"),
            "agency_year": _record(contract.AGENCIES, "本题的假设机关年度情况（逐项覆盖练习的 agency_year）"),
            "feedback": {
                "type": "object", "required": ["right", "wrong"], "additionalProperties": False,
                "properties": {"right": {"type": "string", "minLength": 1},
                               "wrong": {"type": "string", "minLength": 1}},
            },
            "rubric": {"type": "array", "minItems": 1, "description": "论述题评分要点（仅供教员）",
                       "items": {"oneOf": [
                           {"type": "string", "minLength": 1},
                           {"type": "object", "required": ["point", "points"],
                            "additionalProperties": False,
                            "properties": {"point": {"type": "string", "minLength": 1},
                                           "points": {"type": "number", "exclusiveMinimum": 0}}}]}},
        },
        "allOf": [
            {"if": {"properties": {"kind": {"enum": CHOICE_KINDS}}, "required": ["kind"]},
             "then": {"required": ["options"]}},
            {"if": {"properties": {"kind": {"enum": [k for k, v in KIND_ALIASES.items() if v == "open"]}},
                    "required": ["kind"]},
             "then": {"required": ["rubric"], "not": {"anyOf": [{"required": ["key"]},
                                                              {"required": ["derive"]}]}},
             "else": {"required": ["feedback"],
                      "anyOf": [{"required": ["key"]}, {"required": ["derive"]}]}},
        ],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://yingsu-training.example/exercise.schema.json",
        "title": "行政应诉练习题（渝府办发〔2016〕220号）",
        "description": "一个 YAML 文件一道案例练习。说明见 docs/exercises.md。",
        "type": "object",
        "required": ["id", "title", "clauses", "difficulty", "narrative", "as_of", "questions"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$",
                   "description": "练习编号（小写字母、数字、连字符），须与文件名一致"},
            "title": {"type": "string", "minLength": 1},
            "clauses": {"type": "array", "minItems": 1, "uniqueItems": True, "items": clause},
            "difficulty": {"enum": list(DIFFICULTY_ALIASES)},
            "narrative": {"type": "string", "minLength": 1, "description": "案情"},
            "as_of": {"type": ["string"], "format": "date",
                      "description": "检查日（“今天”），如 2025-10-15"},
            "facts": _record(contract.CASES, "案件事实"),
            "suggestion": _record(contract.SUGGESTIONS, "司法建议"),
            "agency_year": _record(contract.AGENCIES, "机关年度情况"),
            "tags": {"type": "array", "items": {"type": "string"}},
            "author": {"type": "string"},
            "minutes": {"type": "number", "exclusiveMinimum": 0, "description": "建议用时（分钟）"},
            "questions": {"type": "array", "minItems": 1, "items": question},
        },
    }


def write_schema() -> None:
    text = json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"
    for target in (SCHEMA_FILE, EDITOR_COPY):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def load_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


if __name__ == "__main__":  # pragma: no cover
    write_schema()
