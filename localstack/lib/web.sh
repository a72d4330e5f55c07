# The web app (clients/web): built with npm when its sources changed, and uploaded to the web bucket in the emulator,
# which the edge serves at http://localhost:$EDGE_PORT/ as CloudFront's default behaviour serves it in AWS.

CLIENTS_DIR=$ROOT/clients
WEB_DIST=$CLIENTS_DIR/web/dist
WEB_STATE=$STATE_DIR/web
NODE_MIN=20.19

web_present() { [ -f "$CLIENTS_DIR/package.json" ] && [ -f "$CLIENTS_DIR/web/package.json" ]; }

node_check() {
  command -v node >/dev/null && command -v npm >/dev/null \
    || fail web "Node.js $NODE_MIN+ and npm not found: install them (Debian: apt-get install nodejs npm; or https://nodejs.org)"
  local version; version=$(node -p 'process.versions.node')
  [ "$(printf '%s\n' "$NODE_MIN" "$version" | sort -V | head -n1)" = "$NODE_MIN" ] \
    || fail web "Node.js $version is too old: the clients need $NODE_MIN or newer"
}

# npm ci when node_modules is missing or was installed from another lock file or Node version.
clients_deps_up() {
  mkdir -p "$WEB_STATE"
  local sum; sum=$({ cat "$CLIENTS_DIR/package-lock.json"; node -p 'process.version'; } | sha1sum | cut -d' ' -f1)
  if [ -d "$CLIENTS_DIR/node_modules" ] && [ "$sum" = "$(cat "$WEB_STATE/deps.sum" 2>/dev/null)" ]; then return; fi
  [ -f "$CLIENTS_DIR/package-lock.json" ] || fail web "clients/package-lock.json is missing: npm ci needs it"
  step web "npm ci in clients/ (log: $LOG_DIR/web-build.log)"
  # Playwright's browsers cannot be downloaded here: the browser tests drive the machine's Chromium.
  (cd "$CLIENTS_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) >>"$LOG_DIR/web-build.log" 2>&1 \
    || fail web "npm ci failed" "$LOG_DIR/web-build.log"
  echo "$sum" >"$WEB_STATE/deps.sum"
}

# What the build reads: every file of the workspace but installed packages, build output (the API types it generates
# included: counting them made the first build's output look like a change to the next make up) and the browser tests,
# and the services' OpenAPI files the API types are generated from.
web_sources_sum() {
  {
    (cd "$CLIENTS_DIR" && find . \( -name node_modules -o -name dist -o -name coverage -o -path ./api/src/generated \
       -o -path ./browser-tests \) -prune -o -type f ! -name '*.tsbuildinfo' -print0 | sort -z | xargs -0 sha1sum)
    cat "$ROOT"/services/*-service/src/main/resources/META-INF/openapi.yaml
  } | sha1sum | cut -d' ' -f1
}

# The workspace build (typed client, then the app with its bundle size gate), skipped when the sources are unchanged.
web_build() {
  local sum; sum=$(web_sources_sum)
  if [ -f "$WEB_DIST/index.html" ] && [ "$sum" = "$(cat "$WEB_STATE/build.sum" 2>/dev/null)" ]; then
    step web "sources unchanged since the last build: build skipped"; return
  fi
  step web "npm run build in clients/ (log: $LOG_DIR/web-build.log)"
  rm -f "$WEB_STATE/build.sum"
  (cd "$CLIENTS_DIR" && npm run build) >>"$LOG_DIR/web-build.log" 2>&1 || fail web "build failed" "$LOG_DIR/web-build.log"
  [ -f "$WEB_DIST/index.html" ] || fail web "the build wrote no $WEB_DIST/index.html" "$LOG_DIR/web-build.log"
  echo "$sum" >"$WEB_STATE/build.sum"
  grep -iE 'gzip|initial' "$LOG_DIR/web-build.log" | tail -n 3 | sed 's/^/    /'
}

# Sync clients/web/dist to the bucket; skipped when this build is already in this emulator's bucket.
web_upload() {
  local bucket; bucket=$(terraform_output static_web_bucket)
  [ -n "$bucket" ] || fail web "no static_web_bucket output in $EDGE_OUTPUTS: apply terraform/environments/local"
  local sum; sum=$({ cat "$WEB_STATE/build.sum"; echo "$bucket"; cat "$STATE_DIR/emulator.instance" 2>/dev/null; } | sha1sum | cut -d' ' -f1)
  if [ "$sum" = "$(cat "$WEB_STATE/uploaded.sum" 2>/dev/null)" ]; then
    step web "already uploaded to s3://$bucket"; return
  fi
  step web "uploading clients/web/dist to s3://$bucket"
  local python result; python=$(moto_python)
  result=$(AWS_ENDPOINT_URL=$AWS_ENDPOINT AWS_REGION=$AWS_REGION AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
           "$python" "$ROOT/localstack/bin/web-sync" "$WEB_DIST" "$bucket" 2>>"$LOG_DIR/web-build.log") \
    || fail web "upload to s3://$bucket failed" "$LOG_DIR/web-build.log"
  echo "$sum" >"$WEB_STATE/uploaded.sum"
  ok "$result"
}

web_up() {
  if ! web_present; then step web "no clients/web in this checkout: nothing to build"; return; fi
  node_check
  clients_deps_up
  web_build
  web_upload
}

web_status() {
  if [ -f "$WEB_STATE/uploaded.sum" ] && running edge; then
    printf '%-12s up    %s/\n' "web app" "$WEB_APP_URL"
  else
    printf '%-12s down  (make up builds it and serves it at %s/)\n' "web app" "$WEB_APP_URL"
  fi
}

# Vite's dev server with hot reload; it forwards the API and /ws to the running edge.
web_dev() {
  web_present || fail web "no clients/web in this checkout"
  port_open "$EDGE_PORT" || fail web "the edge is not running on port $EDGE_PORT: run 'make up' first"
  node_check
  clients_deps_up
  step web "Vite dev server on http://localhost:$WEB_DEV_PORT/ (API and /ws forwarded to http://localhost:$EDGE_PORT)"
  cd "$CLIENTS_DIR" && VITE_EDGE_URL=http://localhost:$EDGE_PORT WEB_DEV_PORT=$WEB_DEV_PORT exec npm run dev -w @wechat/web
}

# Sets CHROMIUM_PATH to the machine's Chromium for the browser tests; as root on Debian it is installed when missing.
chromium_find() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] || fail chromium "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
    return 0
  fi
  local name
  for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null; then CHROMIUM_PATH=$(command -v "$name"); return 0; fi
  done
  if is_root && command -v apt-get >/dev/null; then
    info "chromium not installed: apt-get install chromium"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >>"$LOG_DIR/chromium.log" 2>&1 \
      || fail chromium "apt-get install chromium failed" "$LOG_DIR/chromium.log"
    CHROMIUM_PATH=$(command -v chromium) || fail chromium "chromium installed but not on the PATH" "$LOG_DIR/chromium.log"
    return 0
  fi
  fail chromium "Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH"
}
