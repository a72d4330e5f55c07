#!/usr/bin/env bash
# Packages built services into the zips the service module deploys (what `make package` calls after
# the Maven build): services/<name>/target/<name>-lambda.zip holding <name>.jar, libs/ and run.sh,
# the start script the AWS Lambda Web Adapter runs (handler "run.sh").
# Usage: terraform/scripts/package.sh [service-name ...]   (default: every services/*-service)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ $# -gt 0 ]; then names=("$@"); else names=(); for d in "$root"/services/*-service/; do names+=("$(basename "$d")"); done; fi

for name in "${names[@]}"; do
  target=$root/services/$name/target
  [ -f "$target/$name.jar" ] || { echo "ERROR [package] $target/$name.jar is missing: build $name first" >&2; exit 1; }
  python3 - "$target" "$name" <<'PY'
import os, sys, zipfile
target, name = sys.argv[1], sys.argv[2]
run_sh = f"""#!/bin/sh
# Started by the AWS Lambda Web Adapter (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap); it waits for
# /observe/health/live on $AWS_LWA_PORT, then forwards HTTP requests and POSTs other events to /events.
exec java -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -jar "$LAMBDA_TASK_ROOT/{name}.jar"
"""
out = os.path.join(target, f"{name}-lambda.zip")
# The fastest deflate: the jars inside are compressed already, so a higher level costs several times the time (most of
# `make package`'s) for a zip about as large, which must stay under Lambda's 50 MB for a direct upload.
with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    info = zipfile.ZipInfo("run.sh")
    info.external_attr = 0o100755 << 16
    z.writestr(info, run_sh)
    z.write(os.path.join(target, f"{name}.jar"), f"{name}.jar")
    libs = os.path.join(target, "libs")
    for f in sorted(os.listdir(libs)) if os.path.isdir(libs) else []:
        z.write(os.path.join(libs, f), f"libs/{f}")
os.replace(out + ".tmp", out)
print(f"packaged {out} ({os.path.getsize(out) // 1024} KiB)")
PY
done
