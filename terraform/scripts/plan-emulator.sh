#!/usr/bin/env bash
# Plans an AWS environment (dev by default) against the AWS emulator, without touching the
# environment's folder: a copy gets an override that points all three providers at the emulator and
# a local backend. Proves the configuration plans end to end (data sources, ephemeral resources,
# module wiring) without an AWS account.
#   terraform/scripts/plan-emulator.sh [env] [endpoint]      e.g. plan-emulator.sh dev http://127.0.0.1:4566
set -euo pipefail

env=${1:-dev}
endpoint=${2:-${AWS_ENDPOINT_URL:-http://127.0.0.1:4566}}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tf=$root/localstack/bin/tf

[ -d "$root/terraform/environments/$env" ] || { echo "plan-emulator: no environment $env" >&2; exit 2; }
curl -fsS -o /dev/null --max-time 3 "$endpoint/moto-api/" 2>/dev/null \
  || curl -fsS -o /dev/null --max-time 3 "$endpoint/_localstack/health" 2>/dev/null \
  || { echo "plan-emulator: no AWS emulator answers at $endpoint" >&2; exit 2; }

# The copy keeps the repository's layout, so that every relative path of the environment resolves as
# in place: the modules, the tests' shared mocks (terraform/tests/mocks, loaded by init) and the
# services' Lambda zips (package_dir).
work=$(mktemp -d "${TMPDIR:-/tmp}/tf-plan-$env.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/terraform/environments"
for shared in terraform/modules terraform/tests services; do ln -s "$root/$shared" "$work/$shared"; done
envdir=$work/terraform/environments/$env
cp -r "$root/terraform/environments/$env" "$envdir"
rm -rf "$envdir/.terraform" "$envdir/backend.hcl"

services="apigatewayv2 cloudfront cloudwatch dynamodb ec2 elasticache iam kms lambda logs rds s3 secretsmanager sns sqs sts wafv2"
{
  echo 'terraform {'
  echo '  backend "local" {}'
  echo '}'
  for alias in "" us_east_1 replica; do
    echo 'provider "aws" {'
    [ -n "$alias" ] && echo "  alias = \"$alias\""
    echo '  access_key                  = "test"'
    echo '  secret_key                  = "test"'
    echo '  skip_credentials_validation = true'
    echo '  skip_metadata_api_check     = true'
    echo '  skip_requesting_account_id  = true'
    echo '  s3_use_path_style           = true'
    echo '  endpoints {'
    for s in $services; do echo "    $s = \"$endpoint\""; done
    echo '  }'
    echo '}'
  done
} >"$envdir/emulator_override.tf"

export TF_DATA_DIR=$work/data
"$tf" -chdir="$envdir" init -input=false -no-color -backend-config="path=$work/state.tfstate" >"$work/init.log" 2>&1 \
  || { cat "$work/init.log" >&2; exit 1; }
"$tf" -chdir="$envdir" plan -input=false -no-color -lock=false -out="$work/plan" "${@:3}"
"$tf" -chdir="$envdir" show -json "$work/plan" \
  | python3 -c 'import json,sys,collections; p=json.load(sys.stdin); c=collections.Counter(r["type"] for r in p.get("resource_changes",[]) if "create" in r["change"]["actions"]); print("plan-emulator: %d resources to create:" % sum(c.values())); [print("  %3d %s" % (n,t)) for t,n in sorted(c.items())]'
