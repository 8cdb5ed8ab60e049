# blogapp — every command a developer or CI runs goes through here.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM ?= npm
DEPS := node_modules/.deps-installed

.PHONY: help local test lint typecheck unit build seed smoke deploy-dev deploy-staging deploy-prod clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# Installs node packages once per lockfile change, so `make local` and `make test` work on a fresh clone.
# `npm install` rather than `npm ci`: npm 11 writes lockfiles without other platforms' optional packages
# (Biome's binaries) and then refuses them in `ci`; install honours the same lockfile without rewriting it.
$(DEPS): package.json package-lock.json
	@command -v node >/dev/null || { echo "Node.js >= 20 is required: install it from your package manager, then re-run make."; exit 1; }
	$(NPM) install --no-audit --no-fund
	@touch $@

local: $(DEPS) ## start the whole local stack (dynalite persisted in .data/, API on :3000)
	POWERTOOLS_DEV=$${POWERTOOLS_DEV:-true} $(NPM) run --silent local

seed: $(DEPS) ## load demo users, posts and comments into the running local stack
	$(NPM) run --silent seed

lint: $(DEPS) ## biome lint + format check
	npx biome check .

typecheck: $(DEPS) ## tsc --noEmit over source and tests
	npx tsc --noEmit -p tsconfig.json

unit: $(DEPS) ## run the test suites only
	npx vitest run

test: lint typecheck unit ## lint, typecheck and every test

build: $(DEPS) ## bundle each function as the SAM template says, into dist/lambda/<LogicalId>/
	npx tsx scripts/build.ts

smoke: $(DEPS) ## smoke suite against the running local stack (or API_URL / WS_URL)
	$(NPM) run --silent smoke

deploy-dev: $(DEPS) ## build, deploy, health-check and smoke-test the development stack
	$(NPM) run --silent deploy -- --env development

deploy-staging: $(DEPS) ## the same for staging
	$(NPM) run --silent deploy -- --env staging

deploy-prod: $(DEPS) ## the same for production (asks before deploying; canary with automatic rollback)
	$(NPM) run --silent deploy -- --env production

clean: ## remove build output (keeps .data/)
	rm -rf dist .aws-sam coverage
