"""What a trainee does with each notebook's main widget (.yingsu-main), and what it must answer.

notebook file name → steps (Fill / Choose / Click, then Expect on .yingsu-feedback).
A notebook in notebooks/ that is missing here fails its browser test: add its row when you add
the notebook.
"""

from yingsu_browser import Choose, Click, Expect, Fill  # noqa: F401

INTERACTIONS: dict[str, list] = {
}

# exercise set (exercises/sets/<id>.yaml) → steps on the first exercise of the trainee notebook
# built by `yingsu exercise build <id>`, served in Voilà.
EXERCISE_SET_INTERACTIONS: dict[str, list] = {
}
