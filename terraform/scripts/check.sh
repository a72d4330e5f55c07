#!/usr/bin/env bash
# Offline checks of every Terraform module and environment (what `make tf-validate` runs):
#   1. terraform fmt -check -recursive
#   2. init -backend=false + validate of each module and environment
#   3. terraform test (mock providers, no AWS account) where a tests/ folder exists
#   4. check-routes.sh: the route table matches the services' OpenAPI documents
# Usage: terraform/scripts/check.sh [dir ...]     (default: all of terraform/modules/* and environments/*)
# Working files go to .local/terraform/check; provider plugins are linked from one cache.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tf=$root/localstack/bin/tf
work=${LOCAL_STATE_DIR:-$root/.local}/terraform/check
export TF_PLUGIN_CACHE_DIR=$work/plugin-cache TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE=true
mkdir -p "$TF_PLUGIN_CACHE_DIR"

if [ $# -gt 0 ]; then
  dirs=("$@")
else
  dirs=("$root"/terraform/modules/*/ "$root"/terraform/environments/*/)
fi

failures=()
fail() { failures+=("$1"); printf '    FAIL %s (log: %s)\n' "$1" "$2"; }

start=$(date +%s)
printf '==> terraform fmt -check -recursive terraform/\n'
"$tf" fmt -check -recursive "$root/terraform" || fail "fmt (run: localstack/bin/tf fmt -recursive terraform)" "-"

for dir in "${dirs[@]}"; do
  dir=${dir%/}
  rel=${dir#"$root"/}
  name=${rel//\//_}
  log=$work/$name.log
  lock_existed=false
  [ -f "$dir/.terraform.lock.hcl" ] && lock_existed=true
  export TF_DATA_DIR=$work/$name
  : >"$log"
  t0=$(date +%s)

  if ! "$tf" -chdir="$dir" init -backend=false -input=false -no-color >>"$log" 2>&1; then
    fail "$rel: init" "$log"
  else
    # `terraform test` validates the configuration first, so a separate validate only runs where
    # there are no tests. A module that expects aliased providers (configuration_aliases) cannot be
    # validated alone: its callers (the environments) and its tests validate it.
    if [ -d "$dir/tests" ]; then
      what="validated by test"
    elif grep -qs configuration_aliases "$dir"/*.tf; then
      what="validated via callers"
    elif "$tf" -chdir="$dir" validate -no-color >>"$log" 2>&1; then
      what="valid"
    else
      what="invalid"; fail "$rel: validate" "$log"
    fi
    if [ -d "$dir/tests" ]; then
      if "$tf" -chdir="$dir" test -no-color >>"$log" 2>&1; then
        what="$what, $(grep -Eo '[0-9]+ passed' "$log" | tail -1)"
      else
        what="$what, tests failed"; fail "$rel: test" "$log"
      fi
    fi
    printf '==> %-36s %s (%ss)\n' "$rel" "$what" "$(( $(date +%s) - t0 ))"
  fi
  $lock_existed || rm -f "$dir/.terraform.lock.hcl"
done

"$root/terraform/scripts/check-routes.sh" || fail "routes (terraform/modules/routes vs services/*/openapi.yaml)" "-"

printf '==> terraform checks took %ss\n' "$(( $(date +%s) - start ))"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'ERROR [terraform] %d check(s) failed:\n' "${#failures[@]}" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
