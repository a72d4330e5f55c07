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

work=$(mktemp -d "${TMPDIR:-/tmp}/tf-plan-$env.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/environments"
ln -s "$root/terraform/modules" "$work/modules"
cp -r "$root/terraform/environments/$env" "$work/environments/$env"
rm -rf "$work/environments/$env/.terraform" "$work/environments/$env/backend.hcl"

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
} >"$work/environments/$env/emulator_override.tf"

export TF_DATA_DIR=$work/data
"$tf" -chdir="$work/environments/$env" init -input=false -no-color -backend-config="path=$work/state.tfstate" >"$work/init.log" 2>&1 \
  || { cat "$work/init.log" >&2; exit 1; }
"$tf" -chdir="$work/environments/$env" plan -input=false -no-color -lock=false -out="$work/plan" "${@:3}"
"$tf" -chdir="$work/environments/$env" show -json "$work/plan" \
  | python3 -c 'import json,sys,collections; p=json.load(sys.stdin); c=collections.Counter(r["type"] for r in p.get("resource_changes",[]) if "create" in r["change"]["actions"]); print("plan-emulator: %d resources to create:" % sum(c.values())); [print("  %3d %s" % (n,t)) for t,n in sorted(c.items())]'
