"""The rule modules: one per checked clause, found by name, documented, no bare periods."""
import ast
import inspect

import pytest

from yingsu_training import rules
from yingsu_training.catalogue import checked_clause_ids, obligations
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
