# The Java services: built with Maven when their sources changed, started as local processes
# with their environment file, and awaited on their health endpoint.

mvn_for() { JAVA_HOME=$(java_home) mvn -B -q -f "$ROOT/services/$1/pom.xml" "${@:2}"; }

jar_of() { echo "$ROOT/services/$1/target/$1.jar"; }

needs_build() {
  local jar; jar=$(jar_of "$1")
  [ ! -f "$jar" ] || [ -n "$(find "$ROOT/services/$1/src/main" "$ROOT/services/$1/pom.xml" -newer "$jar" -print -quit)" ]
}

signing_key_up() {
  local key=$STATE_DIR/keys/jwt-signing-key.pem
  [ -s "$key" ] && return 0
  step keys "generating the local JWT signing key"
  mkdir -p "$STATE_DIR/keys"; chmod 700 "$STATE_DIR/keys"
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>>"$LOG_DIR/keys.log") \
    || fail keys "openssl genpkey failed" "$LOG_DIR/keys.log"
}

health_answers() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/observe/health" | grep -qE '^(200|503)$'; }

service_up() {
  local s=$1 port=${SERVICE_PORTS[$1]}
  if running "$s" && ! needs_build "$s"; then step "$s" "already running on http://127.0.0.1:$port"; return; fi
  if needs_build "$s"; then
    step "$s" "building"
    mvn_for "$s" package -DskipTests >"$LOG_DIR/$s-build.log" 2>&1 || fail "$s" "build failed" "$LOG_DIR/$s-build.log"
    running "$s" && { info "sources changed: restarting"; stop_pid "$s"; }
  fi
  port_open "$port" && fail "$s" "port $port is taken by another process"
  step "$s" "starting on http://127.0.0.1:$port"
  (
    set -a; . "$ENV_DIR/$s.env"; set +a
    cd "$ROOT/services/$s" && exec nohup "$(java_home)/bin/java" $JAVA_OPTS -jar "$(jar_of "$s")"
  ) >>"$LOG_DIR/$s.log" 2>&1 &
  echo $! >"$PID_DIR/$s.pid"
  wait_for "$s" 60 health_answers "$port"
  mark_started "$s"
  ok "ready"
}

service_down() {
  running "$1" || { rm -f "$PID_DIR/$1.pid"; return 0; }
  step "$1" "stopping"
  stop_pid "$1"
}

service_status() {
  local s=$1 port=${SERVICE_PORTS[$1]} code
  if running "$s"; then
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/observe/health")
    printf '%-12s up    http://127.0.0.1:%s (health %s)\n' "${s%-service}" "$port" "$code"
  else
    printf '%-12s down\n' "${s%-service}"
  fi
}
