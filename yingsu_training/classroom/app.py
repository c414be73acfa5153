"""The classroom server: Voilà serving the day's whole curriculum to a whole class.

``make classroom`` builds the day's folder (:mod:`.build`) and starts :class:`ClassroomApp` on it —
Voilà itself (code cells stripped, the kit's offline ``yingsu`` template), with what a class of
30 to 200 trainees needs on top:

* a Chinese landing page at ``/`` listing the day's notebooks in the plan's order, and Chinese
  login, error and "教室已满" pages;
* **preheated kernels** (Voilà's kernel pools): sized from the class (``--class-size``), the
  first notebook of the plan gets a kernel for every trainee, later notebooks what the memory
  budget leaves; pools fill before class, the first lesson first, never more than a few
  notebooks executing at once, with a Chinese progress line; after a kernel is taken the pool is
  refilled only once the rush is over, and only for latecomers;
* **a hard cap**: when ``--capacity`` trainee kernels are live (or memory runs short), a new
  visitor gets the 教室已满 page instead of a kernel;
* ``/yingsu/status``: the pools' state as JSON (the landing page, the benchmark);
* ``/yingsu/sign-in`` (POST, from the sign-in widget's page): remembers who this browser signed in,
  in a cookie signed by the server (an empty name forgets them);
* ``/yingsu/progress``: the 学习进度 (lessons and exercises done, score per clause, what next) of
  the trainee this browser signed in — only theirs: nobody can ask for someone else's by name.
  The landing page shows it; the instructor sees everybody's on 教员看板 and in ProgressView.

Kernels of trainees who left are reclaimed by Voilà (the page shuts its kernel down when it is
closed or left, the sign-in shuts the trainee's previous page's kernel) and by Jupyter's idle
culling (``--MappingKernelManager.cull_idle_timeout``), which ``make classroom`` turns on.
"""
from __future__ import annotations

import asyncio
import heapq
import itertools
import json
import math
import os
import time
from pathlib import Path

import jinja2
import tornado.ioloop
import tornado.web
from jupyter_server._tz import utcnow
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from traitlets import Float, Int, Unicode

import voila.app as voila_app
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from ..identity import Trainee
from ..widgets.progress import learning_progress, progress_html
from .build import MANIFEST

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: every trainee kernel's environment: YINGSU_CLASSROOM makes verdicts wait for the instructor's
#: reveal on 教员看板 (widgets/live.py), in a pool's kernel and in a visitor's own alike
CLASSROOM_KERNEL_ENV = {"YINGSU_CLASSROOM": "1"}
#: what one more preheated lesson kernel costs, for the memory budget (MB): the largest private
#: memory (USS) of any trainee lesson kernel with the shared results measured by
#: benchmarks/bench_lesson_kernels.py, 99–117 MB (09-统计通报与考核监督; docs/classroom.md)
KERNEL_MB = 120


def pool_sizes(notebooks: list[str], class_size: int, max_kernels: int, spare: float = 0.05) -> dict[str, int]:
    """How many preheated kernels each notebook of the plan gets.

    The first notebook: one per trainee plus a few spare (everybody opens it in the same minute).
    The others, in plan order: what ``max_kernels`` leaves once the class holds its kernels, at
    most one per trainee, at least one (the instructor's check, a latecomer).
    """
    if not notebooks:
        return {}
    first = class_size + max(1, math.ceil(class_size * spare))
    sizes = {nb: 1 for nb in notebooks}
    sizes[notebooks[0]] = first
    room = max(0, max_kernels - first - (len(notebooks) - 1))
    for nb in notebooks[1:]:
        extra = min(class_size - 1, room)
        sizes[nb] += max(0, extra)
        room -= max(0, extra)
    return sizes


def latecomers(class_size: int) -> int:
    """The pool a notebook is refilled to after the rush: a few kernels for who comes late."""
    return max(2, math.ceil(class_size / 20))


class _PriorityGate:
    """At most ``slots`` holders at once; waiters served by (priority, arrival).

    Everyone asking in the same turn of the event loop queues first, so the pools that Voilà
    starts together fill in plan order, not in the order Voilà found the files.
    """

    def __init__(self, slots: int):
        self.slots = slots
        self._waiting: list = []
        self._seq = itertools.count()
        self._scheduled = False

    async def acquire(self, priority: int) -> None:
        loop = asyncio.get_event_loop()
        fut = loop.create_future()
        heapq.heappush(self._waiting, (priority, next(self._seq), fut))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._dispatch)
        await fut

    def _dispatch(self) -> None:
        self._scheduled = False
        while self.slots > 0 and self._waiting:
            _, _, fut = heapq.heappop(self._waiting)
            if not fut.done():
                self.slots -= 1
                fut.set_result(None)

    def release(self) -> None:
        self.slots += 1
        self._dispatch()


def classroom_kernel_manager(base, app: "ClassroomApp"):
    """Voilà's pooling kernel manager with the classroom's filling policy."""

    class ClassroomKernelManager(base):
        def __init__(self, **kwargs):
            self._gate = _PriorityGate(app.warmup_parallel)
            self._last_take = 0.0
            self._pending_refill: set[str] = set()
            self._started_at = time.monotonic()
            self._filled_at: float | None = None
            self._trainee_kernels: set[str] = set()
            super().__init__(**kwargs)

        async def get_rendered_notebook(self, notebook_name, *args, **kwargs):
            result = await super().get_rendered_notebook(notebook_name, *args, **kwargs)
            kernel_id = result[2]  # (render task, rendered cells, kernel id)
            self._trainee_kernels.add(kernel_id)
            # idle in its pool since it was heated: it must not be culled before the page connects
            self.get_kernel(kernel_id).last_activity = utcnow()
            return result

        async def start_kernel(self, *args, **kwargs):
            # only Voilà's handler comes here (a visitor when the pool is empty); pools start
            # their kernels through the base class. A visitor's own kernel is a classroom kernel
            # like the pools' (verdicts wait for the instructor's reveal).
            kwargs["env"] = {**(kwargs.get("env") or os.environ), **CLASSROOM_KERNEL_ENV}
            kernel_id = await super().start_kernel(*args, **kwargs)
            self._trainee_kernels.add(kernel_id)
            return kernel_id

        async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
            # plan order first; a kernel counts as heated once its notebook has run
            await self._gate.acquire(app.plan_index(notebook_path))
            try:
                content = await super()._initialize(notebook_path, kernel_id, **kwargs)
                try:
                    await asyncio.shield(content["task"])
                except Exception:  # noqa: BLE001 (the page shows the cell's error to whoever takes it)
                    pass
                return content
            finally:
                self._gate.release()

        def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
            if delay is not None:  # the initial fill
                return super().fill_if_needed(delay=delay, notebook_name=notebook_name, **kwargs)
            # a kernel was just taken: refill for latecomers once nobody took one for a while
            self._last_take = time.monotonic()
            self._pending_refill.add(notebook_name)
            asyncio.get_event_loop().call_later(app.rush_seconds, self._refill_after_rush)

        def _refill_after_rush(self):
            quiet = time.monotonic() - self._last_take
            if quiet < app.rush_seconds - 0.01:
                return  # a later take scheduled its own check
            pending, self._pending_refill = self._pending_refill, set()
            config = dict(self.kernel_pools_config)
            for nb in pending:
                entry = dict(config.get(nb, config.get("default", {})))
                entry["pool_size"] = min(entry.get("pool_size", 1), latecomers(app.class_size))
                config[nb] = entry
            self.kernel_pools_config = config
            for nb in pending:
                super().fill_if_needed(delay=0, notebook_name=nb)

        def pool_state(self) -> dict:
            """Per notebook: kernels heated (notebook run) and kernels the pool holds."""
            state = {}
            for nb, pool in self._pools.items():
                heated = 0
                for task in pool:
                    if task.done() and not task.cancelled() and task.exception() is None:
                        if task.result()["task"].done():
                            heated += 1
                state[nb] = {"heated": heated, "pooled": len(pool)}
            return state

        def heated_in_pool(self, notebook: str) -> bool:
            """Is the first kernel of the notebook's pool (the one Voilà hands out) heated?"""
            pool = self._pools.get(notebook) or []
            if not pool or not pool[0].done() or pool[0].cancelled() or pool[0].exception() is not None:
                return False
            return pool[0].result()["task"].done()

        def pooled_kernel_ids(self) -> set[str]:
            ids = set()
            for pool in self._pools.values():
                for task in pool:
                    if task.done() and not task.cancelled() and task.exception() is None:
                        ids.add(task.result()["kernel_id"])
            return ids

        def live_trainee_kernels(self) -> int:
            """Kernels handed to a visitor that are still running."""
            self._trainee_kernels &= set(self.list_kernel_ids())
            return len(self._trainee_kernels)

    return ClassroomKernelManager


class _ClassroomPage(JupyterHandler):
    def render_page(self, name: str, **ns) -> str:
        return self.settings["jinja2_env"].get_template(name).render(**{**self.template_namespace, **ns})


class LandingHandler(_ClassroomPage):
    """The day's notebooks in the plan's order."""

    @tornado.web.authenticated
    def get(self):
        app: ClassroomApp = self.settings["yingsu_classroom"]
        status = app.status()
        self.xsrf_token  # noqa: B018 (the _xsrf cookie: the page tells /yingsu/sign-in who is here)
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        self.write(self.render_page("landing.html", title=app.manifest["title"],
                                    notebooks=app.manifest["notebooks"], **status))


class StatusHandler(_ClassroomPage):
    @tornado.web.authenticated
    def get(self):
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-cache")
        self.write(json.dumps(self.settings["yingsu_classroom"].status(), ensure_ascii=False))


#: the signed cookie holding who this browser signed in (set by /yingsu/sign-in)
TRAINEE_COOKIE = "yingsu-trainee"


def signed_in(handler: JupyterHandler) -> Trainee | None:
    """The trainee this browser signed in, from the server-signed cookie (None: nobody)."""
    raw = handler.get_signed_cookie(TRAINEE_COOKIE, max_age_days=2)
    if not raw:
        return None
    try:
        person = json.loads(raw)
        name, unit = str(person["name"]).strip(), str(person.get("unit") or "").strip()
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return Trainee(name, unit) if name else None


class SignInHandler(JupyterHandler):
    """The sign-in widget tells the server who signed in on this browser (JSON name, unit): kept in
    a cookie the server signs, which :class:`ProgressHandler` reads. An empty name signs out."""

    @tornado.web.authenticated
    def post(self):
        try:
            person = json.loads(self.request.body or b"{}")
            name, unit = str(person.get("name") or "").strip(), str(person.get("unit") or "").strip()
        except (ValueError, AttributeError):
            raise tornado.web.HTTPError(400, "签到信息格式不正确") from None
        if name:
            self.set_signed_cookie(TRAINEE_COOKIE, json.dumps({"name": name, "unit": unit}),
                                   expires_days=1, httponly=True, samesite="Strict")
        else:
            self.clear_cookie(TRAINEE_COOKIE)
        self.set_status(204)
        self.finish()


class ProgressHandler(_ClassroomPage):
    """The 学习进度 of the trainee this browser signed in, as an HTML fragment (nobody signed in:
    an empty answer). Query arguments are ignored: a trainee sees their own progress only."""

    @tornado.web.authenticated
    async def get(self):
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        who = signed_in(self)
        if who is None:
            self.set_status(204)
            return self.finish()
        # reading the store and the exercise files must not hold up the other trainees' pages
        fragment = await asyncio.get_running_loop().run_in_executor(
            None, lambda: progress_html(learning_progress(trainee=who)))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(fragment)


class ReleaseHandler(JupyterHandler):
    """The sign-in's "this trainee's previous page": shut its kernel down (204 even when it is
    already gone — the page usually shuts its own kernel when it is left)."""

    @tornado.web.authenticated
    async def post(self, kernel_id):
        km = self.settings["yingsu_classroom"].kernel_manager
        if kernel_id in km.list_kernel_ids() and kernel_id not in km.pooled_kernel_ids():
            await km.shutdown_kernel(kernel_id)
        self.set_status(204)
        self.finish()


class CappedVoilaHandler(TornadoVoilaHandler):
    """Voilà's notebook page, or 教室已满 when the class is at its cap or memory runs short.

    A visitor who finds the notebook's pool empty waits for a free CPU slot (ahead of the pools'
    refills) before the notebook runs for them."""

    @tornado.web.authenticated
    async def get(self, path=None):
        app: ClassroomApp = self.settings["yingsu_classroom"]
        # the _xsrf cookie: the page's beacon that shuts its kernel when it is left needs it, also
        # when a trainee opens a notebook's address directly rather than from the landing page
        self.xsrf_token  # noqa: B018 (tornado sets the cookie when the token is read)
        # when the class moves on together, the pages they left free their kernels a moment after
        # the next pages ask for one: a visitor at the cap waits a while for one to be freed, and
        # reads 教室已满 only if none is
        waited = 0.0
        while app.is_full(path) and waited < app.full_wait_seconds:
            await asyncio.sleep(min(1.0, app.full_wait_seconds - waited))
            waited += 1.0
        if app.is_full(path):
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.write(self.settings["jinja2_env"].get_template("full.html").render(
                **{**self.template_namespace, "capacity": app.capacity}))
            return
        km = app.kernel_manager
        if km.heated_in_pool(path or ""):
            await super().get(path)  # a preheated kernel: the page is ready
            return
        # no preheated kernel ready: this visitor's notebook runs now, at most one per CPU at once
        # (ahead of the pools' refills), so a crowd queues instead of starving every kernel. It
        # never waits for a kernel still heating in a pool: that one needs the same CPU slots.
        self._run_for_visitor = True
        await km._gate.acquire(-1)
        try:
            await super().get(path)
        finally:
            km._gate.release()

    def should_use_rendered_notebook(self, *args, **kwargs):
        if getattr(self, "_run_for_visitor", False):
            return False
        return super().should_use_rendered_notebook(*args, **kwargs)


class ClassroomApp(Voila):
    """Voilà for the classroom (see the module docstring)."""

    name = "yingsu-classroom"
    description = "行政应诉培训课堂服务器（Voilà）"

    class_size = Int(30, config=True, help="How many trainees are expected (sizes the kernel pools).")
    capacity = Int(0, config=True, help="At most this many trainee kernels at once (0: class size plus 10%).")
    memory_budget_mb = Int(0, config=True, help="Memory the classroom's kernels may use (0: 80% of this machine's).")
    kernel_mb = Int(KERNEL_MB, config=True, help="Memory of one lesson kernel, for sizing (MB).")
    rush_seconds = Float(30, config=True, help="Refill a pool only after this long without a kernel taken from it.")
    full_wait_seconds = Float(60, config=True, help="A visitor at the cap waits this long for a kernel to be freed before the full page.")
    warmup_parallel = Int(0, config=True, help="Notebooks executing at once while pools fill (0: one per CPU).")
    plan_file = Unicode(MANIFEST, config=True, help="The day's manifest, in the classroom folder.")

    aliases = {
        **Voila.aliases,
        "class-size": "ClassroomApp.class_size",
        "capacity": "ClassroomApp.capacity",
        "rush-seconds": "ClassroomApp.rush_seconds",
        "full-wait": "ClassroomApp.full_wait_seconds",
    }

    def initialize(self, argv=None):
        super().initialize(argv)
        self.manifest = json.loads((Path(self.root_dir) / self.plan_file).read_text(encoding="utf-8"))
        self._order = {nb["file"]: i for i, nb in enumerate(self.manifest["notebooks"])}
        if self.warmup_parallel <= 0:
            self.warmup_parallel = max(1, os.cpu_count() or 1)
        if self.capacity <= 0:
            self.capacity = self.class_size + max(2, math.ceil(self.class_size * 0.1))
        budget = self.memory_budget_mb or int(_total_memory_mb() * 0.8)
        max_kernels = max(self.capacity, budget // max(1, self.kernel_mb))
        self.pool_sizes = pool_sizes([nb["file"] for nb in self.manifest["notebooks"]], self.class_size, max_kernels)
        self.voila_configuration.preheat_kernel = True
        self.voila_configuration.allow_template_override = "NO"
        self.voila_configuration.allow_theme_override = "NO"
        if not self.voila_configuration.extension_denylist:
            # JupyterLab-only extensions fail to load in Voilà's page (a console error per visit)
            self.voila_configuration.extension_denylist = ["jupyterlab-jupytext"]
        pools = {"default": {"pool_size": 0}}
        for nb, size in self.pool_sizes.items():
            # YINGSU_CLASSROOM: verdicts wait for the instructor's reveal on 教员看板 (widgets/live.py)
            pools[nb] = {"pool_size": size,
                         "kernel_env_variables": {"JPY_SESSION_NAME": nb, **CLASSROOM_KERNEL_ENV}}
        self.config.VoilaKernelManager.kernel_pools_config = pools
        # what a trainee reads if a cell fails: the kit's template (yingsu) puts a Chinese first
        # sentence in place of Voilà's English one, followed by these
        self.config.VoilaExecutor.cell_error_instruction = "请告诉教员（原因记录在服务器终端中）。"
        self.config.VoilaExecutor.cell_timeout_instruction = "请稍候刷新页面；问题一直存在时请告诉教员。"
        if "transport" not in self.config.KernelManager:
            # kernels talk to the server over Unix sockets, not TCP on loopback (no warning, no port)
            self.config.KernelManager.transport = "ipc"

    def plan_index(self, notebook: str) -> int:
        return self._order.get(str(notebook), len(self._order))

    def init_settings(self):
        original = voila_app.voila_kernel_manager_factory

        def factory(*args, **kwargs):
            return classroom_kernel_manager(original(*args, **kwargs), self)

        voila_app.voila_kernel_manager_factory = factory
        try:
            settings = super().init_settings()
        finally:
            voila_app.voila_kernel_manager_factory = original
        ours = jinja2.FileSystemLoader(str(TEMPLATES))
        for key in ("jinja2_env", "voila_jinja2_env"):
            env = settings[key]
            env.loader = jinja2.ChoiceLoader([ours, env.loader])
        settings["yingsu_classroom"] = self
        return settings

    def init_handlers(self):
        handlers = []
        landing = {self.server_url, url_path_join(self.server_url, "/voila/tree"),
                   url_path_join(self.server_url, "/voila/tree/")}
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if pattern in landing or pattern.startswith(url_path_join(self.server_url, "/voila/tree")):
                continue  # the tree of files is not for trainees: the landing page lists the day
            if handler is TornadoVoilaHandler:
                spec = (pattern, CappedVoilaHandler, *spec[2:])
            handlers.append(spec)
        return [
            (self.server_url, LandingHandler),
            (url_path_join(self.server_url, "/yingsu/status"), StatusHandler),
            (url_path_join(self.server_url, "/yingsu/sign-in"), SignInHandler),
            (url_path_join(self.server_url, "/yingsu/progress"), ProgressHandler),
            (url_path_join(self.server_url, r"/yingsu/release/([-\w]+)"), ReleaseHandler),
            *handlers,
        ]

    def start(self):
        self._warmup_started = time.monotonic()
        self._last_progress = None
        self.log.info("课堂：%s，按 %d 名学员准备，人数上限 %d；预热内核：%s", self.manifest["title"],
                      self.class_size, self.capacity,
                      "，".join(f"{Path(nb).stem} {n} 个" for nb, n in self.pool_sizes.items()))
        tornado.ioloop.PeriodicCallback(self._progress, 2000).start()
        super().start()

    def status(self) -> dict:
        km = self.kernel_manager
        pools = km.pool_state() if hasattr(km, "pool_state") else {}
        heated = sum(p["heated"] for p in pools.values())
        pooled = sum(self.pool_sizes.values())
        ready = km._filled_at is not None if hasattr(km, "_filled_at") else True
        return {
            "ready": ready, "heated": heated, "pooled": pooled,
            "warmup_seconds": (round(km._filled_at - self._warmup_started, 1) if ready and hasattr(km, "_filled_at") and km._filled_at else None),
            "live": km.live_trainee_kernels() if hasattr(km, "live_trainee_kernels") else len(km.list_kernel_ids()),
            "kernels": len(km.list_kernel_ids()), "capacity": self.capacity, "class_size": self.class_size,
            "pools": pools,
        }

    def _progress(self):
        km = self.kernel_manager
        if km._filled_at is not None:
            return
        state = self.status()
        line = (state["heated"], state["pooled"])
        if line != self._last_progress:
            self._last_progress = line
            per = "，".join(f"{Path(nb).stem} {p['heated']}/{self.pool_sizes.get(nb, p['pooled'])}"
                           for nb, p in sorted(state["pools"].items(), key=lambda kv: self.plan_index(kv[0])))
            self.log.info("预热内核：已就绪 %d/%d（%s），用时 %.0f 秒", state["heated"], state["pooled"], per,
                          time.monotonic() - self._warmup_started)
        if state["heated"] >= state["pooled"]:
            km._filled_at = time.monotonic()
            self.log.info("教室已就绪：%d 个预热内核用时 %.0f 秒；学员现在可以打开 %s", state["pooled"],
                          km._filled_at - self._warmup_started, self.display_url)

    def is_full(self, path: str | None) -> bool:
        km = self.kernel_manager
        if km.live_trainee_kernels() >= self.capacity:
            return True
        pool = km._pools.get(path or "", [])
        if pool:  # a preheated kernel is waiting for this visitor: no new memory is needed
            return False
        return _available_memory_mb() < 2 * self.kernel_mb


def _total_memory_mb() -> int:
    import psutil

    return int(psutil.virtual_memory().total / 2**20)


def _available_memory_mb() -> int:
    import psutil

    return int(psutil.virtual_memory().available / 2**20)


main = ClassroomApp.launch_instance
