"""Helpers for the browser tests: JupyterLab and Voilà servers, Chromium, widget steps.

Everything here runs on 127.0.0.1 only; the browser is Debian's Chromium, driven by
Playwright's Python client, and nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts" / "browser"
ALLOWLIST = Path(__file__).with_name("console_allowlist.toml")

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "apt-get install chromium chromium-driver fonts-noto-cjk"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
VIEWPORT = {"width": 1366, "height": 768}

MAIN = ".yingsu-main"
FEEDBACK = ".yingsu-feedback"
CJK = re.compile(r"[\u4e00-\u9fff]")

# Settings every browser-test JupyterLab gets (written into its temporary user settings dir):
# no news/update pop-up, no autosave (notebooks/ belongs to the authors: running a notebook in
# a test must not rewrite it), no extension manager fetching a registry.
LAB_USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
}


def chromium_verdict(chromium: Path, env) -> tuple[str, str]:
    """("run", "") when Debian's Chromium and Playwright are there; otherwise "skip" locally and
    "fail" on CI (env CI set), with the one line that says what to install."""
    missing = None
    if not Path(chromium).exists():
        missing = f"Debian's Chromium is not at {chromium}: {INSTALL_HINT}"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "Playwright's Python client is missing: .venv/bin/pip install -e '.[test]'"
    if missing is None:
        return "run", ""
    return ("fail" if env.get("CI") else "skip"), missing


# --------------------------------------------------------------------------------------------
# servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jupyter_env(home: Path) -> dict[str, str]:
    """The environment for a test server: the project's interpreter, private config/data/runtime.

    JUPYTER_DATA_DIR is only the *user* data dir: the venv's share/jupyter (where the widgets
    lab extension and the python3 kernel spec live) stays on the data path via sys.prefix.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "JPY_"))}
    for name in ("config", "data", "runtime", "ipython"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        # answers submitted in a test go to the test's own store, never to notebooks/answers/
        YINGSU_STORE=str(home / "answers.sqlite3"),
        PYTHONUNBUFFERED="1",
    )
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


@dataclass
class Server:
    """A Jupyter server (JupyterLab or Voilà) started for the tests, with its log."""

    name: str
    port: int
    token: str
    process: subprocess.Popen
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str = "", **query: str) -> str:
        params = {"token": self.token, **query}
        return self.base + path + "?" + urllib.parse.urlencode(params)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def request(self, method: str, path: str, body: dict | None = None, raw: bool = False, timeout: float = 15):
        """An authenticated request to the server; the JSON answer (or bytes with raw=True)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", f"token {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (127.0.0.1 only)
            payload = resp.read()
            if raw:
                return resp.status, payload
            return resp.status, (json.loads(payload) if payload.strip() else None)

    def status_without_token(self, path: str = "") -> int:
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(self.base + path, timeout=15) as resp:  # noqa: S310
                return resp.status
        except urllib.error.HTTPError as e:
            return e.code

    def listening_addresses(self) -> set[str]:
        """The local addresses the server's port listens on (from /proc/net/tcp and tcp6)."""
        found = set()
        for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
            try:
                lines = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                local, state = line.split()[1], line.split()[3]
                addr, port = local.split(":")
                if state == "0A" and int(port, 16) == self.port:  # 0A = LISTEN
                    raw = bytes.fromhex(addr)
                    if width == 8:
                        found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
                    else:
                        words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                        found.add(socket.inet_ntop(socket.AF_INET6, words))
        return found

    def wait_until_answers(self, path: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode} before answering:\n"
                    + self.log_tail()
                )
            try:
                status, _ = self.request("GET", path, raw=True)
                if status == 200:
                    return
                last = f"HTTP {status}"
            except (urllib.error.URLError, OSError, ValueError) as e:
                last = str(e)
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer {path} within {timeout}s ({last}):\n" + self.log_tail())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # report the redirect status itself
        return None


def _spawn(name: str, cmd: list[str], env: dict[str, str], cwd: Path, log_path: Path, port: int, token: str) -> Server:
    log = open(log_path, "wb")  # noqa: SIM115 (kept open for the child's lifetime)
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    return Server(name=name, port=port, token=token, process=proc, log_path=log_path)


def start_lab(root: Path, home: Path) -> Server:
    """JupyterLab on a free 127.0.0.1 port with a token, private settings and workspaces."""
    settings = home / "lab-user-settings"
    for plugin, values in LAB_USER_SETTINGS.items():
        path = settings / (plugin + ".jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    (home / "lab-workspaces").mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={home / 'lab-workspaces'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",
        # JupyterLab checkpoints every notebook it opens: keep those out of notebooks/
        f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",
    ]
    server = _spawn("JupyterLab", cmd, jupyter_env(home), root, home / "jupyterlab.log", port, token)
    try:
        server.wait_until_answers("api/status")
    except Exception:
        server.stop()
        raise
    return server


def make_dry_run(target: str, **variables: str) -> list[str]:
    """The command lines `make -n TARGET VAR=…` would run, with this interpreter's venv.

    HOST/PORT/TOKEN/NB are taken only from `variables`, never from the caller's environment,
    so the Makefile's own defaults are what is seen.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT", "TOKEN", "NB", "START", "MAKEFLAGS")}
    args = [f"{k}={v}" for k, v in {"VENV": sys.prefix, **variables}.items()]
    out = subprocess.run(["make", "-s", "-n", "-C", str(REPO), target, *args], env=env,
                         capture_output=True, text=True, check=True).stdout
    return [line for line in out.replace("\\\n", " ").splitlines() if line.strip()]


def classroom_commands(folder: Path, plan: Path | str, port: int, token: str, **variables: str) -> list[list[str]]:
    """Exactly what `make classroom PLAN=… CLASSROOM=… PORT=… TOKEN=…` runs: the build of the
    day's folder, then the server (HOST left at its default; no JupyterLab beside it)."""
    lines = [ln for ln in make_dry_run("classroom", PLAN=str(plan), CLASSROOM=str(folder), PORT=str(port),
                                       TOKEN=token, LAB_PORT="0", **variables)
             if "yingsu_training.classroom" in ln]
    assert len(lines) == 2, lines
    return [shlex.split(ln) for ln in lines]


def start_classroom(plan: Path | str, home: Path, **variables: str) -> Server:
    """The classroom started the way `make classroom` starts it, on a free port with a token.

    The day's folder is ``home/classroom`` (with ``home/datasets`` beside it, as ``datasets/`` is
    beside ``notebooks/``); ``variables`` are more make variables (CLASS, CAP, STORE, …).
    """
    port, token = free_port(), secrets.token_hex(24)
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "datasets").exists():
        (home / "datasets").symlink_to(REPO / "datasets", target_is_directory=True)
    env = jupyter_env(home)
    build, serve = classroom_commands(home / "classroom", plan, port, token, **variables)
    done = subprocess.run(build, env=env, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    server = _spawn("课堂", serve, env, REPO, home / "classroom.log", port, token)
    try:
        # any static file answers once the server listens; "/" would already run the notebook
        server.wait_until_answers("voila/static/voila.js")
    except Exception:
        server.stop()
        raise
    return server


def wait_until_classroom_ready(server: Server, timeout: float = 600) -> dict:
    """Wait until every preheated kernel has run its notebook; the server's status."""
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError("the classroom server exited:\n" + server.log_tail())
        _, status = server.request("GET", "yingsu/status")
        if status["ready"]:
            return status
        time.sleep(1)
    raise RuntimeError(f"the classroom was not ready within {timeout:.0f}s: {status}\n" + server.log_tail())


def shutdown_sessions(lab: Server, path: str) -> None:
    """Shut down the kernel(s) JupyterLab started for `path`."""
    _, sessions = lab.request("GET", "api/sessions")
    for s in sessions or []:
        if s.get("path") == path:
            lab.request("DELETE", f"api/sessions/{s['id']}")


# --------------------------------------------------------------------------------------------
# notebooks


def write_harness_notebook(path: Path, broken: bool = False) -> Path:
    """A small ipywidgets notebook following the kit's conventions (.yingsu-main, .yingsu-feedback).

    With broken=True a cell raises, so the error detection can be seen to work.
    """
    cells = [
        nbformat.v4.new_markdown_cell("# 浏览器测试样例\n\n填写姓名，选择一项，点击“提交答案”。"),
        nbformat.v4.new_code_cell(
            "import ipywidgets as widgets\n"
            "name = widgets.Text(description='姓名')\n"
            "choice = widgets.Dropdown(options=['甲', '乙', '丙'], description='选项')\n"
            "submit = widgets.Button(description='提交答案')\n"
            "feedback = widgets.Label()\n"
            "feedback.add_class('yingsu-feedback')\n"
            "def on_submit(_):\n"
            "    feedback.value = f'已收到：{name.value}选择了{choice.value}'\n"
            "submit.on_click(on_submit)\n"
            "main = widgets.VBox([name, choice, submit])\n"
            "main.add_class('yingsu-main')\n"
            "display(main, feedback)"
        ),
    ]
    if broken:
        cells.append(nbformat.v4.new_code_cell("1 / 0"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


HARNESS_STEPS: list = []  # filled below, after the step classes


# --------------------------------------------------------------------------------------------
# widget steps: what a trainee does with a notebook's main widget


@dataclass(frozen=True)
class Fill:
    """Type `value` into a text/date/number field of the main widget (by its label, else the nth)."""

    value: str
    label: str | None = None
    nth: int = 0

    def run(self, main) -> None:
        fields = main.locator("input:not([type=radio]):not([type=checkbox]):not([type=button]), textarea")
        if self.label is not None:
            box = main.locator(".widget-inline-hbox, .widget-textarea, .widget-text, .widget-datepicker").filter(
                has=main.page.locator(".widget-label", has_text=self.label)
            )
            fields = box.locator("input, textarea")
        field_ = fields.nth(self.nth)
        field_.fill(self.value)
        field_.press("Tab")  # ipywidgets commits Text on change/blur

    def __str__(self) -> str:
        return f"填写“{self.value}”" + (f"（{self.label}）" if self.label else "")


@dataclass(frozen=True)
class Choose:
    """Pick an option by its exact visible text: radio button, checkbox, toggle button or dropdown.

    `nth` picks among several controls offering the same text (e.g. question 2 of a quiz whose
    questions all offer "A. 属于干预" is Choose("A. 属于干预", nth=1)).
    """

    option: str
    nth: int = 0

    def run(self, main) -> None:
        for role in ("radio", "checkbox"):
            found = main.get_by_role(role, name=self.option, exact=True)
            if found.count() > self.nth:
                found.nth(self.nth).check()
                return
        toggles = main.locator(".widget-toggle-buttons").get_by_role("button", name=self.option, exact=True)
        if toggles.count() > self.nth:
            toggles.nth(self.nth).click()
            return
        selects = [sel for sel in main.locator("select").all()
                   if self.option in [o.strip() for o in sel.locator("option").all_text_contents()]]
        if len(selects) > self.nth:
            selects[self.nth].select_option(label=self.option)
            return
        raise AssertionError(f"主控件中找不到第{self.nth + 1}个选项“{self.option}”")

    def __str__(self) -> str:
        return f"选择“{self.option}”" + (f"（第{self.nth + 1}处）" if self.nth else "")


@dataclass(frozen=True)
class Click:
    """Click the button whose text is exactly `text` (e.g. 提交答案, 计算)."""

    text: str
    nth: int = 0

    def run(self, main) -> None:
        # by text content: an icon (Font Awesome ::before) would otherwise join the accessible name
        exact = re.compile(rf"^\s*{re.escape(self.text)}\s*$")
        main.locator("button").filter(has_text=exact).nth(self.nth).click()

    def __str__(self) -> str:
        return f"点击“{self.text}”"


@dataclass(frozen=True)
class Expect:
    """The feedback area (.yingsu-feedback) shows text containing `text`."""

    text: str

    def run(self, main) -> None:  # handled by run_steps
        raise NotImplementedError

    def __str__(self) -> str:
        return f"反馈包含“{self.text}”"


HARNESS_STEPS[:] = [Fill("张三", label="姓名"), Choose("乙"), Click("提交答案"), Expect("已收到：张三选择了乙")]


def feedback_for(page, main):
    """The feedback area belonging to the main widget: inside it, else in its output area, else first on page."""
    inside = main.locator(FEEDBACK)
    if inside.count():
        return inside.first
    area = main.locator("xpath=ancestor::*[contains(@class,'jp-OutputArea') or contains(@class,'jp-Cell')][1]")
    if area.count() and area.locator(FEEDBACK).count():
        return area.locator(FEEDBACK).first
    return page.locator(FEEDBACK).first


def run_steps(page, steps, timeout_ms: int = 30_000) -> list[str]:
    """Operate the page's main widget; return the feedback texts seen at each Expect."""
    from playwright.sync_api import expect

    main = page.locator(MAIN).first
    expect(main, "页面上没有 .yingsu-main 主控件").to_be_visible(timeout=timeout_ms)
    main.scroll_into_view_if_needed()
    seen = []
    for step in steps:
        if isinstance(step, Expect):
            fb = feedback_for(page, main)
            expect(fb, f"{step}").to_contain_text(step.text, timeout=timeout_ms)
            text = fb.inner_text()
            assert CJK.search(text), f"反馈不是中文：{text!r}"
            seen.append(text)
        else:
            step.run(main)
    return seen


def screenshots(page, stem: Path) -> list[Path]:
    """Two views at 1366×768: the main widget from its top, then its feedback (`<stem>-反馈.png`)."""
    main = page.locator(MAIN).first
    shots = [stem.with_name(stem.name + ".png"), stem.with_name(stem.name + "-反馈.png")]
    main.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots[0]))
    feedback_for(page, main).evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots[1]))
    return shots


# --------------------------------------------------------------------------------------------
# console errors


@dataclass
class ConsoleWatch:
    """Collects JavaScript console errors, uncaught page errors and requests leaving 127.0.0.1."""

    where: str  # "lab" or "voila"
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            self.errors.append(f"{msg.text} [{loc.get('url', '')}]")

    def unexpected(self, blocked: list[str] = ()) -> list[str]:
        """Console errors and blocked outside requests that no allow-list entry for this page covers."""
        allowed = [e for e in load_allowlist() if e["applies_to"] in (self.where, "any")]
        seen = self.errors + [f"request leaving 127.0.0.1 blocked: {url}" for url in blocked]
        return [msg for msg in seen if not any(re.search(e["pattern"], msg) for e in allowed)]


def load_allowlist() -> list[dict]:
    with open(ALLOWLIST, "rb") as f:
        return tomllib.load(f).get("allow", [])


def block_outside_requests(page, blocked: list[str]) -> None:
    """Abort (and record) any request to a host other than 127.0.0.1: the kit works offline."""

    def handle(route):
        host = urllib.parse.urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", None):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), handle)


# --------------------------------------------------------------------------------------------
# JupyterLab (the server is started with LabApp.expose_app_in_browser, so window.jupyterapp exists)

_LAB_STATE = """(path) => {
  const app = window.jupyterapp;
  const dialog = document.querySelector('.jp-Dialog');
  const state = {app: !!app, dialog: dialog ? dialog.innerText : null};
  if (!app || !app.shell || !app.shell.currentWidget) return state;
  const w = app.shell.currentWidget;
  state.path = w.context ? w.context.path : null;
  if (state.path !== path || !w.sessionContext) return state;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  state.kernel = kernel ? kernel.name : null;
  state.kernelStatus = kernel ? kernel.status : null;
  state.connection = kernel ? kernel.connectionStatus : null;
  state.cells = w.content ? w.content.widgets.length : 0;
  state.run = window.__yingsuRun === undefined ? null : window.__yingsuRun;
  return state;
}"""

_START_RUN_ALL = """() => {
  window.__yingsuRun = 'running';
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    (ok) => { window.__yingsuRun = ok === false ? 'stopped' : 'done'; },
    (err) => { window.__yingsuRun = 'failed: ' + err; });
}"""

_CELL_OUTPUTS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    out.push({index: i, source: c.sharedModel.getSource(), execution_count: c.executionCount,
              outputs: c.outputs.toJSON()});
  }
  return out;
}"""


def wait_for(page, js: str, arg, done, timeout: float, what: str):
    """Poll `js(arg)` in the page until `done(state)` is true; fail naming `what` and the last state."""
    deadline = time.monotonic() + timeout
    state = None
    from playwright.sync_api import Error as PlaywrightError

    while time.monotonic() < deadline:
        try:
            state = page.evaluate(js, arg)
        except PlaywrightError as e:  # JupyterLab rewrites the URL (?reset) and reloads once
            if "context was destroyed" not in str(e):
                raise
            time.sleep(0.25)
            continue
        if state and state.get("dialog"):
            raise AssertionError(f"{what}: JupyterLab shows a dialog: {state['dialog']!r}")
        if done(state):
            return state
        time.sleep(0.25)
    raise AssertionError(f"{what}: not done after {timeout:.0f}s, last state {state}")


def load_lab(page, lab: Server) -> None:
    """Load JupyterLab (fresh workspace) and wait until the application is up."""
    page.goto(lab.url("lab", reset=""), wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell && window.jupyterapp.commands"
                           " && document.querySelector('.jp-DirListing')", timeout=90_000)


def lab_is_usable(page) -> bool:
    try:
        return page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.commands)"
                             " && !document.querySelector('.jp-Dialog')")
    except Exception:  # noqa: BLE001 (a crashed or navigated-away page)
        return False


def open_in_lab(page, lab: Server, path: str, via_url: bool = True) -> dict:
    """Open `path` (relative to the server root) as a user would, and wait for its kernel.

    via_url: load /lab/tree/<path> (a fresh JupyterLab); otherwise open it in the JupyterLab
    already loaded in `page`, as a double click in the file browser does (docmanager:open).
    """
    if via_url:
        page.goto(lab.url("lab/tree/" + urllib.parse.quote(path), reset=""), wait_until="domcontentloaded")
    else:
        page.evaluate("(p) => { window.__yingsuRun = undefined;"
                      " window.jupyterapp.commands.execute('docmanager:open', {path: p}); }", path)
    return wait_for(
        page, _LAB_STATE, path,
        lambda s: s.get("path") == path and s.get("connection") == "connected" and s.get("kernelStatus") == "idle",
        timeout=90, what=f"opening {path} and starting its kernel",
    )


def close_in_lab(page, path: str) -> None:
    """Close the notebook's tab without saving (the notebooks belong to their authors)."""
    page.evaluate("""(p) => {
      for (const w of Array.from(window.jupyterapp.shell.widgets('main'))) {
        if (w.context && w.context.path === p) { w.context.model.dirty = false; w.dispose(); }
      }
    }""", path)


def run_all_cells(page, path: str, timeout: float = 240) -> list[dict]:
    """Run → Run All Cells; wait until the command finished and the kernel is idle; return the cells."""
    page.evaluate(_START_RUN_ALL)
    wait_for(
        page, _LAB_STATE, path,
        lambda s: s.get("run") not in (None, "running") and s.get("kernelStatus") == "idle",
        timeout=timeout, what=f"running all cells of {path}",
    )
    return page.evaluate(_CELL_OUTPUTS)


_WARNING = re.compile(r"^\S*Warning: ", re.M)


def output_problems(cells: list[dict]) -> list[str]:
    """Error outputs, tracebacks or warnings on stderr, and code cells that did not run."""
    problems = []
    for c in cells:
        where = f"cell {c['index']} ({c['source'].strip().splitlines()[0][:60] if c['source'].strip() else ''})"
        for o in c["outputs"]:
            if o.get("output_type") == "error":
                problems.append(f"{where}: {o.get('ename')}: {o.get('evalue')}")
            elif o.get("output_type") == "stream" and o.get("name") == "stderr":
                text = "".join(o.get("text", ""))
                if "Traceback" in text or _WARNING.search(text):
                    problems.append(f"{where}: stderr: {text.strip()[:400]}")
            else:
                text = "".join((o.get("data") or {}).get("text/plain", ""))
                if "Error displaying widget" in text:
                    problems.append(f"{where}: {text[:200]}")
        if c["source"].strip() and c["execution_count"] is None:
            problems.append(f"{where}: did not run")
    return problems


def dom_error_outputs(page) -> list[str]:
    """What the trainee sees: red stderr boxes with a traceback, rendered error outputs."""
    texts = []
    stderr = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    texts += [t[:300] for t in stderr.all_inner_texts() if "Traceback" in t]
    texts += [t[:300] for t in page.locator('.jp-RenderedText[data-mime-type*="error"]').all_inner_texts()]
    texts += [t[:300] for t in page.locator(".jp-OutputArea-output").all_inner_texts() if "Error displaying widget" in t]
    return texts
