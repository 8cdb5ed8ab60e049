# blogapp — every command a developer or CI runs goes through here.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM ?= npm
DEPS := node_modules/.deps-installed

.PHONY: help local web-dev test check biome check-suites test-stress lint typecheck unit build bench bench-quick reliability seed smoke deploy-dev deploy-staging deploy-prod terraform-check rehearse python-tools clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# Installs node packages once per lockfile change, so `make local` and `make test` work on a fresh clone.
# `npm ci` installs exactly the committed lockfile and never rewrites it (it lists every platform's optional
# Biome binary, so it is valid on Linux, macOS and Windows alike). --prefer-offline takes what npm's cache
# already holds without asking the registry again (here: 38 s instead of 98 s for a second clone).
# Which dependencies may run install scripts is decided in package.json's allowScripts (npm 12 will run no
# others): esbuild's binary check, classic-level's native build where no prebuild fits, @firebase/util's
# generated defaults; @scarf/scarf's install-time telemetry is refused.
$(DEPS): package.json package-lock.json
	@command -v node >/dev/null || { echo "Node.js >= 20 is required: install it from your package manager, then re-run make."; exit 1; }
	$(NPM) ci --no-audit --no-fund --prefer-offline
	@touch $@

# The web client is rebuilt whenever its sources change, so `make local` always serves the current one.
WEB_SOURCES := $(shell find web -type f 2>/dev/null)
dist/web/index.html: $(DEPS) $(WEB_SOURCES)
	npx vite build --config web/vite.config.ts

local: $(DEPS) dist/web/index.html ## start the whole local stack (dynalite persisted in .data/); prints its URLs
	POWERTOOLS_DEV=$${POWERTOOLS_DEV:-true} AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true $(NPM) run --silent local

seed: $(DEPS) ## load demo users, posts and comments into the running local stack
	$(NPM) run --silent seed

# AWS's own tools for the templates and the rehearsal: cfn-lint (brings aws-sam-translator) and moto_server.
# Installed with pip where missing: into python3's own environment where pip may write it (a venv, pyenv,
# actions/setup-python: their scripts are on PATH already), else into the user's (--user, which pip refuses
# inside a venv). Where that fails, make stops here, loudly: these checks never skip.
PIP_SCOPE := python3 -c 'import os, sys, sysconfig; print("" if sys.prefix != sys.base_prefix or os.access(sysconfig.get_paths()["purelib"], os.W_OK) else "--user")'
python-tools:
	@python3 -c 'import cfnlint, samtranslator, moto, flask' 2>/dev/null && command -v cfn-lint >/dev/null && command -v moto_server >/dev/null || { \
	  echo "Installing cfn-lint and moto[server] with pip (template lint, SAM transform, deploy rehearsal)..."; \
	  python3 -m pip install $$($(PIP_SCOPE)) cfn-lint 'moto[server]' && command -v cfn-lint >/dev/null && command -v moto_server >/dev/null; } || { \
	  echo ""; \
	  echo "##############################################################################################"; \
	  echo "# cfn-lint / aws-sam-translator / moto_server are NOT installed and pip could not install    #"; \
	  echo "# them: templates cannot be linted nor the deploy rehearsed. Install them (python3 -m pip    #"; \
	  echo "# install cfn-lint 'moto[server]', on PATH), then run make again. A system Python that is    #"; \
	  echo "# externally managed (PEP 668) refuses pip: make a venv (python3 -m venv ~/.venvs/blogapp),  #"; \
	  echo "# activate it (. ~/.venvs/blogapp/bin/activate) and run make again from that shell.          #"; \
	  echo "##############################################################################################"; \
	  exit 1; }

lint: $(DEPS) python-tools biome ## Biome lint + format, the directions imports may point (dependency-cruiser), cfn-lint on the templates
	npx depcruise src web/src --config .dependency-cruiser.cjs --output-type err
	npx tsx scripts/lint-templates.ts

typecheck: $(DEPS) ## tsc --noEmit over source, tests and the web client
	npx tsc --noEmit -p tsconfig.json
	npx tsc --noEmit -p web/tsconfig.json

# The browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests..."
	@SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium; } || \
	{ echo "Could not install chromium: install it (Debian/Ubuntu: sudo apt-get install -y chromium), then re-run make test."; exit 1; }

unit: $(DEPS) $(CHROMIUM) python-tools ## run the test suites only (the deploy rehearsal on moto_server included)
	npx vitest run

# The three at once: the suites mostly wait on child processes (terraform, moto, browsers), so lint and
# typecheck take the CPU they leave. No --output-sync: it would hold Vitest's progress back until the end;
# the tools write whole lines, and the first failure fails the target.
test: ## lint, typecheck and every test
	@$(MAKE) --no-print-directory -j3 lint typecheck unit

# The templates' cfn-lint (make lint) and the suites that start servers, browsers or emulators run in make test.
check: ## the inner loop: Biome, typecheck, unit and in-process route tests, at once (under a minute)
	@$(MAKE) --no-print-directory -j3 biome typecheck check-suites

biome: $(DEPS)
	npx biome check --error-on-warnings .

check-suites: $(DEPS)
	npx vitest run --project check

# RUNS=5 BUSY=1 make test-stress: the suite N times, one core kept busy; lists every test that failed once.
test-stress: $(DEPS) $(CHROMIUM) ## run the suite RUNS times (BUSY=1: one core kept busy) and list flaky tests
	npx tsx scripts/test-stress.ts --runs $${RUNS:-5} $${BUSY:+--busy}

build: $(DEPS) ## bundle each function as the SAM template says (dist/lambda/<LogicalId>/) and the web client (dist/web)
	npx tsx scripts/build.ts
	npx vite build --config web/vite.config.ts

web-dev: $(DEPS) ## the web client with hot reload on :5173 (API proxied to the running make local, on whatever port)
	npx vite --config web/vite.config.ts

reliability: $(DEPS) ## the long bad-input, concurrency, load, fault and security runs; one table of figures
	npx tsx reliability/run.ts

bench: build ## benchmarks as ratios to the floor on this machine; writes bench/results/latest.md
	@/usr/bin/python3 -c 'import fastapi, uvicorn' 2>/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-fastapi python3-uvicorn; } || \
	  echo "FastAPI peer unavailable (install python3-fastapi python3-uvicorn); its rows will say skipped."
	npx tsx bench/run.ts

bench-quick: $(DEPS) ## the bench at tiny scale, to check it still runs (make test runs it too, as test/bench)
	npx tsx bench/run.ts --quick

smoke: $(DEPS) ## smoke suite against the running local stack (or API_URL / WS_URL)
	$(NPM) run --silent smoke

deploy-dev: $(DEPS) ## build, deploy, health-check and smoke-test the development stack
	$(NPM) run --silent deploy -- --env development

deploy-staging: $(DEPS) ## the same for staging
	$(NPM) run --silent deploy -- --env staging

deploy-prod: $(DEPS) ## the same for production (asks before deploying; canary with automatic rollback)
	$(NPM) run --silent deploy -- --env production

# make test runs these too (test/terraform); this is the Terraform part alone. They fail, saying so, without terraform.
terraform-check: $(DEPS) ## terraform fmt, validate of every root, plan/apply/destroy against moto, parity with SAM
	@command -v terraform >/dev/null || { echo "terraform is not on PATH: install Terraform >= 1.10, then re-run make terraform-check."; exit 1; }
	@command -v moto_server >/dev/null || { echo "moto_server is not on PATH: pip install 'moto[server]', then re-run make terraform-check."; exit 1; }
	npx vitest run test/terraform

rehearse: $(DEPS) python-tools ## the deploy on emulated AWS (moto_server): bootstrap, deploy, no-change redeploy, guard, recover (KEEP=1: leave moto running)
	npx tsx scripts/rehearse.ts $${KEEP:+--keep}

clean: ## remove build output (keeps .data/)
	rm -rf dist .aws-sam infrastructure/aws-sam/.aws-sam coverage
