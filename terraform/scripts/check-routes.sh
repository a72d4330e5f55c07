#!/usr/bin/env bash
# Fails when the route table (terraform/modules/routes) and the services' OpenAPI documents
# (services/<svc>/src/main/resources/META-INF/openapi.yaml) disagree: a route in one and not the
# other, a route served by another service, or an authorization that differs from the operation's
# `security` (an operation with `security: []` is public, NONE; every other one needs the JWT).
# POST /events and /observe/* are not public routes and are ignored.
# Usage: terraform/scripts/check-routes.sh          (bash + python3 stdlib; no provider, no init)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tf=$root/localstack/bin/tf

# The route table as Terraform evaluates it: the routes module has no providers, so console needs no
# init; an empty data dir keeps a caller's TF_DATA_DIR out of it.
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
routes=$(cd "$root/terraform/modules/routes" && echo 'jsonencode(local.http_routes)' | TF_DATA_DIR=$data "$tf" console) \
  || { echo "ERROR [routes] terraform console failed on terraform/modules/routes" >&2; exit 1; }

ROUTES=$routes python3 - "$root" <<'PY'
import glob, json, os, re, sys

root = sys.argv[1]
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}

def ignored(method, path):
    return (method == "POST" and path == "/events") or path == "/observe" or path.startswith("/observe/")

def operations(openapi):
    """(METHOD /path) -> public?, read line by line: paths at indent 2, methods at 4, `security: []` at 6."""
    ops, in_paths, path, op = {}, False, None, None
    for raw in open(openapi, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if indent == 0:
            in_paths = text == "paths:"
            path = op = None
        elif in_paths and indent == 2 and text.endswith(":") and text.startswith("/"):
            path, op = text[:-1].strip("'\""), None
        elif in_paths and path and indent == 4:
            name = text.split(":", 1)[0]
            op = f"{name.upper()} {path}" if name in METHODS else None
            if op:
                ops[op] = False
        elif in_paths and op and indent == 6 and re.fullmatch(r"security:\s*\[\s*\]", text):
            ops[op] = True
    return ops

# Terraform console prints the JSON as an HCL string literal.
table = json.loads(json.loads(os.environ["ROUTES"].strip()))
terraform = {r["route_key"]: r for r in table}

services, duplicates = {}, []
for openapi in sorted(glob.glob(os.path.join(root, "services", "*", "src", "main", "resources", "META-INF", "openapi.yaml"))):
    service = openapi.split(os.sep)[-6]
    for key, public in operations(openapi).items():
        method, path = key.split(" ", 1)
        if ignored(method, path):
            continue
        if key in services:
            duplicates.append(f"{key}: in the openapi.yaml of both {services[key][0]} and {service}")
        services[key] = (service, public)

problems = duplicates
for key in sorted(set(services) - set(terraform)):
    problems.append(f"{key} ({services[key][0]}): in the service's openapi.yaml, not in terraform/modules/routes")
for key in sorted(set(terraform) - set(services)):
    problems.append(f"{key} ({terraform[key]['service']}): in terraform/modules/routes, in no service's openapi.yaml")
for key in sorted(set(terraform) & set(services)):
    service, public = services[key]
    route = terraform[key]
    if route["service"] != service:
        problems.append(f"{key}: routed to {route['service']}, served by {service}")
    want = "NONE" if public else "JWT"
    if route["authorization"] != want:
        problems.append(f"{key} ({service}): authorization {route['authorization']}, the OpenAPI says {want}")

if problems:
    print(f"ERROR [routes] the route table and the services' OpenAPI differ ({len(problems)}):", file=sys.stderr)
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    sys.exit(1)
print(f"==> routes: {len(terraform)} HTTP routes match the services' OpenAPI documents")
PY
