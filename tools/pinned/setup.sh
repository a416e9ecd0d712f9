#!/usr/bin/env bash
# Installs the pinned toolchain into .bin/ (called by `make setup`).
#
# Go tools are built from the Go module proxy only: tflint, trivy and
# actionlint from tools/pinned/go.mod, terraform-docs from the main go.mod.
# A tool is rebuilt only when its binary is missing or its pinned version
# (or the Go version) changed, so a second run takes a second.
#
# Terraform cannot be built from the module proxy: the one on PATH is used
# when it is >= 1.10. Otherwise (or with TF_FALLBACK=tofu) OpenTofu 1.10.6 is
# built from the module cache. The choice is written to .bin/tf-binary; the
# Makefile exports it as TF_BINARY, which the Go tests hand to Terratest.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="$root/.bin"
stamps="$bin/.stamps"
mkdir -p "$stamps"

tf_min="1.10"
tofu_version="v1.10.6"
started=$SECONDS

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "Go is required (see go.mod for the version): https://go.dev/dl/"
go_version="$(go env GOVERSION)"
export GOTOOLCHAIN=local

# version_of GOMOD MODULE: the version a go.mod requires (a line of a tool
# block names the module too, without a version: not a requirement).
version_of() {
  awk -v m="$2" '($1 == m && $2 ~ /^v/) { v = $2 } ($1 == "require" && $2 == m) { v = $3 } END { print v }' "$1"
}

# build NAME MODULE PACKAGE MODDIR [ENV...]: build PACKAGE (from the module
# in MODDIR) into .bin/NAME unless the stamp says it is already current.
build() {
  local name="$1" module="$2" pkg="$3" moddir="$4"; shift 4
  local version stamp want t0
  version="$(version_of "$moddir/go.mod" "$module")"
  [[ -n "$version" ]] || die "$module is not required in $moddir/go.mod"
  want="$version $go_version $*"
  stamp="$stamps/$name"
  if [[ -x "$bin/$name" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    say "$name $version up to date"
    return
  fi
  say "$name $version: building (from $pkg) ..."
  t0=$SECONDS
  (cd "$moddir" && env "$@" go build -o "$bin/$name.tmp" "$pkg") \
    || die "building $name $version failed"
  mv "$bin/$name.tmp" "$bin/$name"
  echo "$want" >"$stamp"
  say "$name $version built in $((SECONDS - t0))s"
}

# Sequential on purpose: the builds share few cores.
build tflint github.com/terraform-linters/tflint github.com/terraform-linters/tflint "$root/tools/pinned"
build actionlint github.com/rhysd/actionlint github.com/rhysd/actionlint/cmd/actionlint "$root/tools/pinned"
build terraform-docs github.com/terraform-docs/terraform-docs github.com/terraform-docs/terraform-docs "$root"
# trivy v0.74 uses encoding/json/v2, which Go 1.26 still gates behind an experiment.
build trivy github.com/aquasecurity/trivy github.com/aquasecurity/trivy/cmd/trivy "$root/tools/pinned" GOEXPERIMENT=jsonv2

# --- Terraform -------------------------------------------------------------
tf_install_help() {
  cat >&2 <<HELP
setup: terraform >= $tf_min is needed ($1).
setup: install it (any of):
setup:   Debian/Ubuntu: wget -qO- https://apt.releases.hashicorp.com/gpg | sudo gpg --dearmor -o /usr/share/keyrings/hashicorp.gpg
setup:                  echo "deb [signed-by=/usr/share/keyrings/hashicorp.gpg] https://apt.releases.hashicorp.com \$(lsb_release -cs) main" | sudo tee /etc/apt/sources.list.d/hashicorp.list
setup:                  sudo apt-get update && sudo apt-get install terraform
setup:   release zip:   curl -fsSLO https://releases.hashicorp.com/terraform/1.11.4/terraform_1.11.4_linux_amd64.zip && sudo unzip -o terraform_1.11.4_linux_amd64.zip terraform -d /usr/local/bin
setup:   macOS:         brew tap hashicorp/tap && brew install hashicorp/tap/terraform
setup: (it cannot be built from the Go module proxy: its go.mod has replace directives.)
setup: fallback that needs only the Go module proxy: OpenTofu ${tofu_version#v} (about 8 CPU-minutes to build: ~4 minutes on 2 idle cores):
setup:   go mod download -json github.com/opentofu/opentofu@$tofu_version   # prints its "Dir"
setup:   cd <Dir> && go build -o $bin/tofu ./cmd/tofu
setup: make setup does this for you when terraform is missing (or with TF_FALLBACK=tofu).
HELP
}

build_tofu() {
  local stamp="$stamps/tofu" want="$tofu_version $go_version release" dir t0
  if [[ -x "$bin/tofu" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    say "tofu $tofu_version up to date"
    return
  fi
  say "tofu $tofu_version: downloading the module and building ./cmd/tofu ..."
  t0=$SECONDS
  # Outside any module, so neither go.mod nor go.sum of this repo is touched.
  local scratch
  scratch="$(mktemp -d)"
  dir="$(cd "$scratch" && GOFLAGS='' go mod download -json "github.com/opentofu/opentofu@$tofu_version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  rmdir "$scratch"
  [[ -d "$dir" ]] || die "go mod download github.com/opentofu/opentofu@$tofu_version gave no directory"
  # version.dev=no: report 1.10.6, not 1.10.6-dev (what its release builds set).
  (cd "$dir" && go build -ldflags=-X=github.com/opentofu/opentofu/version.dev=no -o "$bin/tofu.tmp" ./cmd/tofu) ||
    die "building OpenTofu failed"
  mv "$bin/tofu.tmp" "$bin/tofu"
  echo "$want" >"$stamp"
  say "tofu $tofu_version built in $((SECONDS - t0))s"
}

version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]; }

tf_path="" tf_reason=""
if [[ "${TF_FALLBACK:-}" != "tofu" ]]; then
  if tf_path="$(command -v terraform)"; then
    tf_version="$(TF_CLI_CONFIG_FILE=/dev/null "$tf_path" version 2>/dev/null | sed -n '1s/^Terraform v//p')"
    if [[ -n "$tf_version" ]] && version_ge "$tf_version" "$tf_min"; then
      say "terraform $tf_version at $tf_path"
    else
      tf_reason="found terraform ${tf_version:-of unknown version} at $tf_path"
      tf_path=""
    fi
  else
    tf_reason="no terraform on PATH"
    tf_path=""
  fi
else
  tf_reason="TF_FALLBACK=tofu"
fi
if [[ -z "$tf_path" ]]; then
  [[ "${TF_FALLBACK:-}" == "tofu" ]] || tf_install_help "$tf_reason"
  [[ "${TF_FALLBACK:-}" != "none" ]] || die "TF_FALLBACK=none: not building OpenTofu"
  build_tofu
  tf_path="$bin/tofu"
  say "using OpenTofu through TF_BINARY=$tf_path"
fi
echo "$tf_path" >"$bin/tf-binary"

# --- A real hashicorp/aws provider (optional) ------------------------------
# The Terraform registry is out of reach here, but a machine image may carry
# the real provider laid out as a filesystem mirror
# (DIR/registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH/terraform-provider-aws_vVERSION_x5).
# make test-provider and the upgrade plans run it; the path found is written
# to .bin/aws-provider-mirror, which the Makefile exports as
# TF_AWS_PROVIDER_MIRROR. Set that variable to choose a mirror yourself.
aws_mirror_candidates=(
  "${TF_AWS_PROVIDER_MIRROR:-}"
  "$HOME/.terraform.d/plugins"
  "$HOME/.local/share/terraform/plugins"
  /usr/local/share/terraform/plugins
  /usr/share/terraform/plugins
)
find_aws_mirror() {
  local dir found
  for dir in "${aws_mirror_candidates[@]}"; do
    [[ -n "$dir" && -d "$dir/registry.terraform.io/hashicorp/aws" ]] && { echo "$dir"; return; }
  done
  # Images put mirrors in other places too: look for the binary itself.
  found="$(find /opt /usr/local /srv "$HOME" -maxdepth 8 -type f -name 'terraform-provider-aws_v*' \
    -path '*/registry.terraform.io/hashicorp/aws/*' 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$found" ]] && echo "${found%%/registry.terraform.io/*}"
}
aws_mirror="$(find_aws_mirror || true)"
if [[ -n "$aws_mirror" ]]; then
  aws_versions="$(cd "$aws_mirror/registry.terraform.io/hashicorp/aws" && ls | sort -V | tr '\n' ' ')"
  echo "$aws_mirror" >"$bin/aws-provider-mirror"
  say "real hashicorp/aws provider ${aws_versions% } in the filesystem mirror $aws_mirror (TF_AWS_PROVIDER_MIRROR): make test-provider and the upgrade plans run it"
else
  rm -f "$bin/aws-provider-mirror"
  say "no real hashicorp/aws provider found (looked in ${aws_mirror_candidates[*]:1} and under /opt, /usr/local, /srv, \$HOME); make test-provider and the upgrade plans will skip: set TF_AWS_PROVIDER_MIRROR to a filesystem mirror holding hashicorp/aws"
fi

say "toolchain ready in .bin/ ($((SECONDS - started))s)"
