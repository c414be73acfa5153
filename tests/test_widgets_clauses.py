"""Clause quotations and the clause browser: the opinion's text comes from the package, and the
browser names the lessons and exercises of a section."""
from yingsu_training import load_opinion
from yingsu_training.widgets import ClauseBrowser, clause_html


def test_show_clauses_quotes_the_clause_text_from_the_package():
    html = clause_html("3.2")
    assert load_opinion()["3.2"].text in html and "行政诉讼法第六十七条第一款" in html


def test_the_clause_browser_names_the_notebooks_and_exercises_of_a_section():
    browser = ClauseBrowser(section=4)
    assert "03-出庭应诉.md" in browser.view.value and "head-must-appear-demolition" in browser.view.value
    browser.section.value = 10  # the dropdown re-renders
    assert "08-司法建议与行政复议.md" in browser.view.value and load_opinion()["10.1"].label in browser.view.value
