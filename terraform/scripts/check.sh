#!/usr/bin/env bash
# Offline checks of every Terraform module and environment (what `make tf-validate` runs):
#   1. terraform fmt -check -recursive
#   2. terraform test (mock providers, no AWS account; it validates what it tests) of every folder with tests/,
#      init -backend=false + validate of the others
#   3. check-routes.sh: the route table matches the services' OpenAPI documents
#   4. GitHub Actions pinned by commit
# Usage: terraform/scripts/check.sh [dir ...]     (default: all of terraform/modules/* and environments/*)
#
# The folders' tests run in one `terraform test` process per core (TF_CHECK_JOBS, default nproc), not one per
# folder: each process loads the AWS provider's schema (about 5 CPU seconds, more than most folders' tests), and
# one init per process replaces one per folder. scripts/suite.py gathers the test files into those processes' test
# roots and reports the results per folder, with the log of each failed test file.
# Working files go to .local/terraform/check; provider plugins are linked from one cache.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tf=$root/localstack/bin/tf
suite=$root/terraform/scripts/suite.py
work=${LOCAL_STATE_DIR:-$root/.local}/terraform/check
export TF_PLUGIN_CACHE_DIR=$work/plugin-cache TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE=true
mkdir -p "$TF_PLUGIN_CACHE_DIR"

if [ $# -gt 0 ]; then
  dirs=("$@")
else
  dirs=("$root"/terraform/modules/*/ "$root"/terraform/environments/*/)
fi
jobs_max=${TF_CHECK_JOBS:-$(nproc 2>/dev/null || echo 2)}

failures=()
fail() { failures+=("$1"); printf '    FAIL %s (log: %s)\n' "$1" "$2"; }

start=$(date +%s)
printf '==> terraform fmt -check -recursive terraform/\n'
"$tf" fmt -check -recursive "$root/terraform" || fail "fmt (run: localstack/bin/tf fmt -recursive terraform)" "-"

tested=() untested=()
for dir in "${dirs[@]}"; do
  dir=$(cd "$dir" && pwd) || { fail "$dir: no such folder" "-"; continue; }
  if [ -d "$dir/tests" ]; then tested+=("$dir"); else untested+=("$dir"); fi
done

# A folder without tests: init and validate it alone. A module that expects aliased providers
# (configuration_aliases) cannot be validated alone: its callers (the environments) and tests validate it.
for dir in "${untested[@]}"; do
  rel=${dir#"$root"/}
  log=$work/${rel//\//_}.log
  if grep -qs configuration_aliases "$dir"/*.tf; then
    printf '==> %-36s validated via callers\n' "$rel"
  elif TF_DATA_DIR=$work/${rel//\//_} "$tf" -chdir="$dir" init -backend=false -input=false -no-color >"$log" 2>&1 \
       && TF_DATA_DIR=$work/${rel//\//_} "$tf" -chdir="$dir" validate -no-color >>"$log" 2>&1; then
    printf '==> %-36s valid\n' "$rel"
  else
    fail "$rel: validate" "$log"
  fi
  rm -f "$dir/.terraform.lock.hcl"
done

if [ ${#tested[@]} -gt 0 ]; then
  rm -rf "$work"/suite-*
  mapfile -t suites < <(python3 "$suite" make "$work" "$jobs_max" "${tested[@]}")
  # One init at a time: they share the plugin cache, which is not safe for concurrent writers.
  for s in "${suites[@]}"; do
    TF_DATA_DIR=$s/.terraform "$tf" -chdir="$s" init -backend=false -input=false -no-color >"$s.log" 2>&1 \
      || fail "init of the test suite with $(tr '\n' ' ' <"$s/folders")" "$s.log"
  done
  for s in "${suites[@]}"; do
    TF_DATA_DIR=$s/.terraform "$tf" -chdir="$s" test -no-color >>"$s.log" 2>&1 &
  done
  wait
  python3 "$suite" report "$work" "$root" || failures+=("terraform test (see FAIL lines above)")
fi

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
