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
# Within check_dir, which runs in the background: failures go to the folder's .fail file.
fail_dir() { echo "$1" >>"$work/$name.fail"; printf '    FAIL %s (log: %s)\n' "$1" "$2"; }

start=$(date +%s)
printf '==> terraform fmt -check -recursive terraform/\n'
"$tf" fmt -check -recursive "$root/terraform" || fail "fmt (run: localstack/bin/tf fmt -recursive terraform)" "-"

# check_dir DIR: init, validate and test one folder; its line goes to DIR's .out file, failures to its .fail file.
check_dir() {
  local dir=${1%/} rel name log lock_existed t0 what
  rel=${dir#"$root"/}
  name=${rel//\//_}
  log=$work/$name.log
  lock_existed=false
  [ -f "$dir/.terraform.lock.hcl" ] && lock_existed=true
  export TF_DATA_DIR=$work/$name
  : >"$log"
  t0=$(date +%s)

  if ! "$tf" -chdir="$dir" init -backend=false -input=false -no-color >>"$log" 2>&1; then
    fail_dir "$rel: init" "$log"
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
      what="invalid"; fail_dir "$rel: validate" "$log"
    fi
    if [ -d "$dir/tests" ]; then
      if "$tf" -chdir="$dir" test -no-color >>"$log" 2>&1; then
        what="$what, $(grep -Eo '[0-9]+ passed' "$log" | tail -1)"
      else
        what="$what, tests failed"; fail_dir "$rel: test" "$log"
      fi
    fi
    printf '==> %-36s %s (%ss)\n' "$rel" "$what" "$(( $(date +%s) - t0 ))"
  fi
  $lock_existed || rm -f "$dir/.terraform.lock.hcl"
}

# The first folder fills the plugin cache alone (the cache is not safe for concurrent writers); then one
# folder per core at a time, each printing its line when done; the summary keeps the folders' order.
rm -f "$work"/*.out "$work"/*.fail
jobs_max=$(nproc 2>/dev/null || echo 2)
for i in "${!dirs[@]}"; do
  rel=${dirs[$i]%/}; rel=${rel#"$root"/}
  check_dir "${dirs[$i]}" >"$work/${rel//\//_}.out" &
  [ "$i" -eq 0 ] && wait
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
done
wait
for dir in "${dirs[@]}"; do
  rel=${dir%/}; rel=${rel#"$root"/}; name=${rel//\//_}
  cat "$work/$name.out"
  [ -f "$work/$name.fail" ] && mapfile -t -O "${#failures[@]}" failures <"$work/$name.fail"
done

"$root/terraform/scripts/check-routes.sh" || fail "routes (terraform/modules/routes vs services/*/openapi.yaml)" "-"

# A tag can be moved to other code; a commit cannot. Actions from other repositories are pinned by
# commit (with the version in a comment); the repository's own reusable workflows by path.
unpinned=$(grep -HnE '^\s*(-\s*)?uses:\s*[^.][^@]*@' "$root"/.github/workflows/*.yml | grep -vE '@[0-9a-f]{40}(\s|$)' || true)
if [ -n "$unpinned" ]; then
  printf '%s\n' "$unpinned" >&2
  fail "workflows: actions not pinned by commit SHA" "-"
else
  printf '==> workflows: every action pinned by commit\n'
fi

printf '==> terraform checks took %ss\n' "$(( $(date +%s) - start ))"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'ERROR [terraform] %d check(s) failed:\n' "${#failures[@]}" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
