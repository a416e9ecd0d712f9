# Every target runs offline unless it says otherwise. `make help` lists them.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

BIN := $(CURDIR)/.bin
export PATH := $(BIN):$(PATH)

# The terraform binary `make setup` chose (terraform >= 1.10 on PATH, or the
# OpenTofu fallback); the Go tests hand it to Terratest as TerraformBinary.
TF_BINARY ?= $(shell cat $(BIN)/tf-binary 2>/dev/null || command -v terraform || echo terraform)
export TF_BINARY
# A filesystem mirror holding the real hashicorp/aws provider, found by
# `make setup` (empty: the real-provider plans skip, saying so).
TF_AWS_PROVIDER_MIRROR ?= $(shell cat $(BIN)/aws-provider-mirror 2>/dev/null)
export TF_AWS_PROVIDER_MIRROR
# A CLI config file that does not exist only makes terraform print warnings.
ifneq ($(TF_CLI_CONFIG_FILE),)
ifeq ($(wildcard $(TF_CLI_CONFIG_FILE)),)
unexport TF_CLI_CONFIG_FILE
endif
endif

# Terraform configurations: the root, every module and every example.
TF_DIRS := . $(patsubst %/,%,$(sort $(dir $(wildcard modules/*/*.tf examples/*/*.tf))))

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

.PHONY: setup
setup: ## Install the pinned toolchain into .bin (idempotent; TF_FALLBACK=tofu builds OpenTofu instead of using terraform)
	@tools/pinned/setup.sh

.PHONY: check
check: ## The main offline job: fmt, tflint, security scan, docs-check, actionlint, static tests (each timed)
	@.ci/check $(CHECK_STAGES)

.PHONY: test
test: ## All offline test layers (./test/...) and every tool's own tests; AWS credentials are hidden, so deploy tests skip
	@$(OFFLINE_ENV) go test -count=1 -v -timeout $(GO_TEST_TIMEOUT) ./... 2>&1 | $(GO_TEST_FILTER)

.PHONY: docs
docs: ## Regenerate every README table (and check the READMEs' Terraform examples)
	@go build -o $(BIN)/docgen ./tools/docgen
	@$(BIN)/docgen

.PHONY: docs-check
docs-check: ## Fail when a README table has drifted from the code or a README example is wrong
	@go build -o $(BIN)/docgen ./tools/docgen
	@$(BIN)/docgen -check

.PHONY: release
release: ## Cut VERSION=X.Y.Z: clean tree, docs current, make check test, CHANGELOG dated, commit, tag vX.Y.Z (no push)
	go run ./tools/release cut -version "$(VERSION)"

.PHONY: validate-offline
validate-offline: ## Real terraform validate of every configuration against the provider schemas (hashicorp/aws 6.25.0 and 6.66.0), offline
	go run ./tools/offline-validate

.PHONY: test-plan
test-plan: ## terraform test with mock providers for every module and example, offline
	go run ./tools/offline-validate -test

.PHONY: test-provider
test-provider: ## Plan every shape and example with the real hashicorp/aws provider of TF_AWS_PROVIDER_MIRROR (skips without one), offline
	@$(OFFLINE_ENV) go run ./tools/offline-validate -test -real-aws

# --- Stages of `make check` (each also runs on its own) ----------------------

# make check runs these targets in order.
CHECK_STAGES := fmt-check lint security docs-check actionlint vet validate-offline test-static

# `make test` (and the static stage) must never reach AWS, whatever the shell has.
OFFLINE_ENV := env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
	-u AWS_PROFILE -u AWS_WEB_IDENTITY_TOKEN_FILE -u AWS_ROLE_ARN \
	-u AWS_CONTAINER_CREDENTIALS_FULL_URI -u AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \
	AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
# go test -v without the RUN/PAUSE/CONT noise: results, skips with their
# reasons and the logs that name the fixtures stay.
GO_TEST_FILTER := grep -vE '^=== (RUN|PAUSE|CONT|NAME)'

# terraform test over every shape is slow on a busy machine; go test's own
# default (10m) is not enough there.
GO_TEST_TIMEOUT ?= 30m

STATIC_TESTS := ^Test(ContractGolden|Interface|ReleaseClassification|Wiring|Hygiene|IAMGuardRails|StaticChecks|ChartPins|ChartValues)

.PHONY: fmt
fmt: ## Format every .tf and .tftest.hcl file in place
	@$(TF_BINARY) fmt -recursive

.PHONY: fmt-check
fmt-check: ## terraform fmt -check -recursive (prints the diff)
	@$(TF_BINARY) fmt -check -recursive -diff

.PHONY: lint
lint: ## tflint (bundled terraform ruleset, preset all) on the root, every module and example
	@rc=0; for d in $(TF_DIRS); do \
	  out="$$(tflint --chdir="$$d" --config="$(CURDIR)/.tflint.hcl" --format=compact 2>&1)" || { rc=1; echo "tflint: $$d:"; echo "$$out" | sed 's/^/  /'; }; \
	done; \
	[ $$rc -eq 0 ] && echo "tflint: $(words $(TF_DIRS)) configurations clean"; exit $$rc

.PHONY: security
security: ## trivy config (embedded checks, offline) per configuration; fails on HIGH/CRITICAL not suppressed inline
	@rc=0; for d in $(TF_DIRS); do \
	  skip=""; [ "$$d" = . ] && skip="--skip-dirs modules,examples,test,tools,internal,.bin,.cache"; \
	  out="$$(trivy config --quiet --skip-check-update --severity HIGH,CRITICAL --exit-code 1 \
	      --cache-dir "$(CURDIR)/.cache/trivy" --format table $$skip "$$d" 2>&1)" || { rc=1; echo "trivy: $$d:"; echo "$$out" | sed 's/^/  /'; }; \
	done; \
	[ $$rc -eq 0 ] && echo "trivy: $(words $(TF_DIRS)) configurations without HIGH/CRITICAL findings"; exit $$rc

.PHONY: actionlint
actionlint: ## Lint the GitHub Actions workflows
	@actionlint && echo "actionlint: $$(ls .github/workflows/*.yml | wc -l) workflows clean"

.PHONY: vet
vet: ## go vet every Go package (the test harness and the tools)
	@go vet ./... && echo "vet: $$(go list ./... | wc -l) packages clean"

.PHONY: test-static
test-static: ## Static Go tests only: interface golden, wiring, hygiene, and their broken fixtures
	@$(OFFLINE_ENV) go test -count=1 -v -run '$(STATIC_TESTS)' ./test/ 2>&1 | $(GO_TEST_FILTER)

.PHONY: validate
validate: ## terraform init -backend=false && validate per configuration (needs the registry; skipped when unreachable)
	@if ! curl -fsS -o /dev/null --max-time 10 https://registry.terraform.io/.well-known/terraform.json 2>/dev/null; then \
	  echo "validate: skipped: registry.terraform.io is unreachable (make validate-offline checks the same offline)"; exit 0; fi; \
	mkdir -p .cache/plugins; rc=0; for d in $(TF_DIRS); do \
	  echo "validate: $$d"; \
	  TF_PLUGIN_CACHE_DIR="$(CURDIR)/.cache/plugins" $(TF_BINARY) -chdir="$$d" init -backend=false -input=false -no-color >/dev/null \
	    && $(TF_BINARY) -chdir="$$d" validate -no-color || rc=1; \
	done; exit $$rc

# The deploy suite (test/deploy): one test per example, in parallel, each
# always destroying what it created. 120m covers apply, checks and destroy
# (the EKS example is the slowest).
AWS_TEST_TIMEOUT ?= 120m
AWS_CREDENTIAL_HINTS = $${AWS_ACCESS_KEY_ID:-}$${AWS_PROFILE:-}$${AWS_WEB_IDENTITY_TOKEN_FILE:-}$${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}$${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-}
.PHONY: test-aws
test-aws: ## The deploy suite against a real AWS account (costs money; refuses without credentials; RUN=regex selects tests)
	@if [ -z "$(AWS_CREDENTIAL_HINTS)" ] && [ ! -f "$${AWS_SHARED_CREDENTIALS_FILE:-$$HOME/.aws/credentials}" ] && [ ! -f "$${AWS_CONFIG_FILE:-$$HOME/.aws/config}" ]; then \
	  echo "test-aws: refusing to start: no AWS credentials (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a web-identity token, or ~/.aws/config); the suite creates billable resources" >&2; exit 1; fi
	go test -count=1 -v -parallel 3 -timeout $(AWS_TEST_TIMEOUT) -run '$(or $(RUN),^TestDeploy)' ./test/deploy/

# Leftovers of deploy runs: everything tagged metaflow-test-run older than
# JANITOR_OLDER_THAN. Lists only, unless DELETE=1.
JANITOR_OLDER_THAN ?= 3h
.PHONY: janitor
janitor: ## List AWS resources left by deploy runs (tag metaflow-test-run, older than 3h); DELETE=1 deletes them (needs credentials)
	go run ./tools/janitor -older-than $(JANITOR_OLDER_THAN)$(if $(filter 1,$(DELETE)), -delete)
