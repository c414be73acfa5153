"""The rule modules: one per checked clause, found by name, documented, no bare periods."""
import ast
import inspect
import re
from pathlib import Path

import pytest

from yingsu_training import rules
from yingsu_training.catalogue import checked_clause_ids, obligations
from yingsu_training.rules._cases import cases_file, readable_cases
from yingsu_training.schema import TABLE_FOR_RECORD


def test_the_registry_holds_one_rule_per_checked_clause_in_clause_order():
    assert list(rules.RULES) == checked_clause_ids()


@pytest.mark.parametrize("clause_id", checked_clause_ids())
def test_each_rule_module_is_named_after_its_clause_and_quotes_its_label(clause_id):
    module = rules.RULES[clause_id]
    assert module.__name__.split(".")[-1].startswith("clause_" + clause_id.replace(".", "_") + "_")
    o = obligations()[clause_id]
    assert module.CLAUSE_ID == clause_id and module.RECORD == o.record
    assert f"Clause {clause_id}" in module.__doc__ and o.label in module.__doc__
    assert o.clause.text[:20] in module.__doc__          # the clause text, loaded from data
    columns = set(TABLE_FOR_RECORD[module.RECORD].names)
    assert set(module.READS) <= columns


@pytest.mark.parametrize("clause_id", checked_clause_ids())
def test_no_rule_module_writes_a_period_or_limit_as_a_bare_number(clause_id):
    tree = ast.parse(inspect.getsource(rules.RULES[clause_id]))
    numbers = {n.value for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and type(n.value) is int}
    assert numbers <= {0, 1}, f"bare numbers {numbers}: use catalogue.parameter(...)"


# ---------------------------------------------------------------------------------------------
# the law beside its rule: what belongs to one clause is found from its module in one step

@pytest.mark.parametrize("clause_id", checked_clause_ids())
def test_each_rule_module_shows_its_clause_duty_basis_parameters_and_cases(clause_id):
    module = rules.RULES[clause_id]
    o = obligations()[clause_id]
    doc = module.__doc__
    assert o.clause.full_text in doc and o.duty in doc
    assert all(b.shown in doc for b in o.legal_basis)
    assert all(f"Parameter {p} " in doc for p in o.parameters)
    assert cases_file(module).exists() and cases_file(module).name in doc


@pytest.mark.parametrize("clause_id", checked_clause_ids())
def test_a_rule_uses_only_the_dated_parameters_its_catalogue_entry_names(clause_id):
    source = inspect.getsource(rules.RULES[clause_id])
    used = set(re.findall(r'parameter_(?:on|era)\("([a-z_]+)"', source))
    assert used <= set(obligations()[clause_id].parameters)


@pytest.mark.parametrize("clause_id", checked_clause_ids())
def test_a_rule_has_readable_cases_of_its_own_record_kind(clause_id):
    module = rules.RULES[clause_id]
    assert set(getattr(module, "ALSO_READS", ())) <= set(TABLE_FOR_RECORD[module.RECORD].names)
    cases = readable_cases(clause_id)
    assert cases and all(c.record == module.RECORD for c in cases)


def test_docs_rules_table_names_every_rule_module_beside_its_clause():
    text = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    for clause_id, module in rules.RULES.items():
        name = module.__name__.rsplit(".", 1)[1]
        row = next((line for line in text.splitlines() if f"`{name}`" in line), None)
        assert row is not None, f"docs/rules.md names no rule module {name}"
        number = obligations()[clause_id].label.split("）")[0] + "）"      # 三（二）
        assert row.startswith(f"| {number} |"), row
