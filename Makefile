# 两条命令完成全部准备工作 / Two commands do all the set-up:
#   make lab    创建虚拟环境、安装工具包，并在 notebooks/ 上启动 JupyterLab（127.0.0.1，带令牌）
#   make test   创建同一环境并运行全部测试（含笔记本 nbval 与浏览器测试）
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab / Voilà listen on this address, always with a token. Classroom server (see
# docs/classroom.md): make classroom HOST=0.0.0.0 [TOKEN=…]; without TOKEN a random one is printed.
HOST ?= 127.0.0.1
PORT ?= 8888
TOKEN ?=
LAB_TOKEN := $(if $(TOKEN),--IdentityProvider.token=$(TOKEN),)
VOILA_TOKEN := $(if $(TOKEN),--token=$(TOKEN),--Voila.auto_token=True)
# Jupyter refuses to start as root unless told; root is common in containers and CI, so allow it
# there (with a warning) rather than fail. On an office PC run as an ordinary user.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
START ?= 00-导览.md
# make classroom: the day's plan (a file, or a plan shipped with the kit), the class size that sizes
# the preheated kernels, the hard cap (0: class size plus 10%) and how long a visitor at the cap waits
# for a kernel to be freed before the full page, the instructor's roster 名单.xlsx,
# seconds of idleness after which a left-behind kernel is reclaimed (and how often that is looked at), the instructor's JupyterLab port
# (0: none), the folder the day's notebooks are built into and the answer store (default
# answers/answers.sqlite3).
PLAN ?= 半天
CLASS ?= 30
CAP ?= 0
FULL_WAIT ?= 60
ROSTER ?=
IDLE ?= 1200
CULL_EVERY ?= 60
STORE ?=
LAB_PORT ?= 8889
CLASSROOM ?= classroom

.PHONY: lab test classroom install datasets bench constraints clean

# the classroom Voilà template (Voilà's lab template without its CDN links: classrooms are offline)
VOILA_TEMPLATE := $(VENV)/share/jupyter/voila/templates/yingsu
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d

# JupyterLab settings defaults: Simplified Chinese (the zh-CN language pack) and a double click on a
# lesson .md opens it as a notebook (jupytext)
$(STAMP): pyproject.toml constraints.txt $(wildcard share/jupyter/voila/templates/yingsu/*) $(wildcard share/jupyter/lab/settings/overrides.d/*.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -c constraints.txt -e '.[test]'
	mkdir -p $(VOILA_TEMPLATE) && cp share/jupyter/voila/templates/yingsu/* $(VOILA_TEMPLATE)/
	mkdir -p $(LAB_OVERRIDES) && cp share/jupyter/lab/settings/overrides.d/*.json $(LAB_OVERRIDES)/
	touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	@$(if $(ALLOW_ROOT),echo "注意：正在以 root 身份运行 JupyterLab；办公电脑和教室服务器上请用普通用户账户。",true)
	$(BIN)/jupyter lab $(ALLOW_ROOT) --LabApp.extension_manager=readonly --ServerApp.root_dir=notebooks --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) \
		--no-browser $(LAB_TOKEN) --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
		--LabApp.default_url=/lab/tree/$(START)

test: $(STAMP)
	$(BIN)/python -m pytest

# 课堂：按课程安排生成今天的笔记本，再用一个 Voilà 服务器（代码不发送到浏览器）提供全部页面
classroom: $(STAMP)
	$(BIN)/python -m yingsu_training.classroom build --plan "$(PLAN)" --out "$(CLASSROOM)"
	$(BIN)/python -m yingsu_training.classroom serve "$(CLASSROOM)" --roster="$(ROSTER)" --store="$(STORE)" --lab-port=$(LAB_PORT) \
		--class-size=$(CLASS) --capacity=$(CAP) --full-wait=$(FULL_WAIT) --Voila.ip=$(HOST) --port=$(PORT) --no-browser \
		--strip_sources=True --template=yingsu $(VOILA_TOKEN) \
		--MappingKernelManager.cull_idle_timeout=$(IDLE) --MappingKernelManager.cull_interval=$(CULL_EVERY) \
		--MappingKernelManager.cull_connected=False

datasets: $(STAMP)
	$(BIN)/yingsu generate --year 2025 --cases 2000 --seed 2025 --out datasets/

# 性能基准（不在测试中计时）：每个脚本在同一次运行中测量并打印比值
bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

# 更新依赖版本（修改 pyproject.toml 的依赖后）：在一个新环境中安装最新版本并记录
constraints:
	rm -rf .venv-constraints && $(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --disable-pip-version-check -e '.[test]'
	{ sed -n '1,3p' constraints.txt; .venv-constraints/bin/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .venv-constraints

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
