# Every target runs offline unless it says otherwise. `make help` lists them.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

BIN := $(CURDIR)/.bin
export PATH := $(BIN):$(PATH)

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

.PHONY: setup
setup: ## Install the pinned toolchain into .bin (idempotent)
	@echo "setup: TODO (issue 2)"

.PHONY: check
check: ## The main offline job: fmt, tflint, security scan, docs-check, actionlint, static tests
	@echo "check: TODO (issue 2)"

.PHONY: test
test: ## All offline test layers (deploy tests skip without AWS credentials)
	go test ./test/...

.PHONY: docs
docs: ## Regenerate every README table
	go run ./tools/docgen

.PHONY: docs-check
docs-check: ## Fail when a README table has drifted from the code
	go run ./tools/docgen -check

.PHONY: validate-offline
validate-offline: ## Real terraform validate of every configuration against the provider schemas, offline
	go run ./tools/offline-validate

.PHONY: test-plan
test-plan: ## terraform test with mock providers for every module and example, offline
	go run ./tools/offline-validate -test
