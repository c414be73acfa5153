"""`make lab` and `make classroom` listen on 127.0.0.1 with a token unless the instructor asks otherwise.

These read the commands from `make -n` (nothing is started); the browser tests then start the
classroom (Voilà) with the very commands `make classroom` runs.
"""

from __future__ import annotations

import shutil

import pytest

import yingsu_browser as yb

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _command(target: str, **variables: str) -> str:
    """The command that starts the server (`make classroom` first builds the day's folder)."""
    lines = [ln for ln in yb.make_dry_run(target, **variables)
             if "jupyter lab" in ln or "yingsu_training.classroom serve" in ln]
    assert len(lines) == 1, lines
    return lines[0]


@needs_make
@pytest.mark.parametrize(
    ("target", "address"),
    [("lab", "--ServerApp.ip=127.0.0.1"), ("classroom", "--Voila.ip=127.0.0.1")],
)
def test_by_default_the_server_listens_only_on_this_computer(target, address):
    assert address in _command(target)


@needs_make
def test_by_default_voila_generates_a_token():
    assert "--Voila.auto_token=True" in _command("classroom")


@needs_make
def test_by_default_jupyterlab_keeps_its_generated_token():
    cmd = _command("lab")
    assert "token=" not in cmd, cmd  # neither an empty (disabled) nor a fixed token
    assert "password" not in cmd.lower()


@needs_make
@pytest.mark.parametrize("target", ["lab", "classroom"])
def test_a_classroom_address_is_used_only_when_the_instructor_gives_one(target):
    cmd = _command(target, HOST="0.0.0.0", TOKEN="Zq8-classroom-token")
    assert "ip=0.0.0.0" in cmd
    assert "Zq8-classroom-token" in cmd


@needs_make
def test_the_classroom_hides_the_code_cells():
    assert "--strip_sources=True" in _command("classroom")


@needs_make
def test_the_classroom_uses_the_offline_template():
    assert "--template=yingsu" in _command("classroom")


@needs_make
def test_the_classroom_reclaims_kernels_left_idle_and_is_sized_from_the_class():
    cmd = _command("classroom", CLASS="120", IDLE="900")
    assert "--class-size=120" in cmd
    assert "--MappingKernelManager.cull_idle_timeout=900" in cmd
    assert "--MappingKernelManager.cull_connected=False" in cmd


@needs_make
def test_the_instructors_jupyterlab_beside_the_classroom_listens_only_on_this_computer():
    from yingsu_training.classroom.__main__ import lab_command

    cmd = lab_command(8889, "t0ken")
    assert "--ServerApp.ip=127.0.0.1" in cmd
    assert "--IdentityProvider.token=t0ken" in cmd
    assert "--lab-port=8889" in _command("classroom")


@needs_make
def test_make_lab_opens_the_guide():
    assert "--LabApp.default_url=/lab/tree/00-导览.md" in _command("lab")


def test_the_offline_classroom_template_links_nothing_outside_the_server():
    import re
    from pathlib import Path
    template = Path(__file__).parents[2] / "share/jupyter/voila/templates/yingsu/index.html.j2"
    text = template.read_text(encoding="utf-8")
    assert "extends 'voila/templates/lab/index.html.j2'" in text
    # every CDN address in the template is one it removes (inside a replace filter)
    for url in re.findall(r"https?://[^'\"\s]+", text):
        assert f"replace('<link rel=\"stylesheet\" href=\"{url}\"" in text, url


@pytest.mark.parametrize(
    ("chromium_there", "env", "verdict"),
    [
        (True, {}, "run"),
        (True, {"CI": "true"}, "run"),
        (False, {}, "skip"),
        (False, {"CI": "true"}, "fail"),
    ],
)
def test_without_chromium_the_browser_tests_skip_locally_and_fail_on_ci(tmp_path, chromium_there, env, verdict):
    chromium = tmp_path / "chromium"
    if chromium_there:
        chromium.write_text("")
    got, message = yb.chromium_verdict(chromium, env)
    assert got == verdict
    if verdict != "run":
        assert "apt-get install chromium chromium-driver fonts-noto-cjk" in message
