# Shared settings and helpers of the local cloud. Sourced by bin/cloud; every value can be overridden
# from the environment so that two stacks (say, a developer's and a test run's) never collide.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
STATE_DIR=${LOCAL_STATE_DIR:-$ROOT/.local}
LOG_DIR=$STATE_DIR/logs
PID_DIR=$STATE_DIR/pids
ENV_DIR=$STATE_DIR/env

LOCAL_CLOUD=${LOCAL_CLOUD:-moto}
AWS_PORT=${AWS_PORT:-4566}
PG_PORT=${PG_PORT:-15432}
REDIS_PORT=${REDIS_PORT:-16379}
EDGE_PORT=${EDGE_PORT:-8080}
AWS_REGION=${AWS_REGION:-us-east-1}
AWS_ENDPOINT=http://127.0.0.1:$AWS_PORT
PG_USER=${PG_USER:-wechat}
JWT_AUDIENCE=${JWT_AUDIENCE:-wechat-app}
# The web app is served by the edge (same origin as the API, so no CORS); what the services and the edge allow
# is the other browser origins: the admin app on its own origin (its own port, as its own CloudFront distribution
# in AWS) and Vite's dev server (`make web-dev`).
WEB_DEV_PORT=${WEB_DEV_PORT:-5173}
WEB_APP_URL=http://localhost:$EDGE_PORT
ADMIN_PORT=${ADMIN_PORT:-8090}
ADMIN_APP_URL=http://localhost:$ADMIN_PORT
CORS_ALLOWED_ORIGINS=${CORS_ALLOWED_ORIGINS:-$ADMIN_APP_URL,http://localhost:$WEB_DEV_PORT}
# -Xms16m: the heap starts small and grows to what the load needs (without it the JVM commits the whole -Xmx at
# start: 96 MB of chat-service's heap committed against 21 MB, measured; bench/README.md, "Round four").
JAVA_OPTS=${JAVA_OPTS:--Xms16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
# Each JVM's heap cap, from localstack/heap-mb.properties (its live heap after `make bench`'s load, with room for the
# load's garbage; bench/README.md says how it was measured). An -Xmx in JAVA_OPTS wins: the JVM takes the last one.
declare -A HEAP_MB=()
while IFS='=' read -r heap_name heap_mb; do
  [[ $heap_name =~ ^[a-z-]+$ ]] && HEAP_MB[$heap_name]=$heap_mb
done <"$ROOT/localstack/heap-mb.properties"
# java_opts NAME: the JVM options of one component.
java_opts() { echo "-Xmx${HEAP_MB[$1]:-192}m $JAVA_OPTS"; }
# How long a JVM (a service, the edge) may take from start to live: about 2 s on an idle machine, far more when
# the machine is busy (a fault run's load, other builds).
START_TIMEOUT_SECONDS=${START_TIMEOUT_SECONDS:-60}

# Every service of the project and its port. A service joins the stack when its folder exists.
declare -A SERVICE_PORTS=([user-service]=${USER_SERVICE_PORT:-8081} [chat-service]=${CHAT_SERVICE_PORT:-8082}
                          [media-service]=${MEDIA_SERVICE_PORT:-8083} [notification-service]=${NOTIFICATION_SERVICE_PORT:-8084})
SERVICE_ORDER=(user-service chat-service media-service notification-service)

mkdir -p "$LOG_DIR" "$PID_DIR" "$ENV_DIR"

if [ -t 1 ]; then BOLD=$'\e[1m' RED=$'\e[31m' GREEN=$'\e[32m' DIM=$'\e[2m' RESET=$'\e[0m'; else BOLD= RED= GREEN= DIM= RESET=; fi

step() { printf '%s==>%s %-22s %s\n' "$BOLD" "$RESET" "$1" "$2"; }
ok()   { printf '    %s%s%s\n' "$GREEN" "$*" "$RESET"; }
info() { printf '    %s%s%s\n' "$DIM" "$*" "$RESET"; }

# fail COMPONENT MESSAGE [LOGFILE]: names the component, points at its log, exits non-zero.
fail() {
  printf '%sERROR [%s]%s %s\n' "$RED" "$1" "$RESET" "$2" >&2
  if [ -n "${3:-}" ] && [ -f "$3" ]; then
    printf '    last lines of %s:\n' "$3" >&2
    tail -n 15 "$3" | sed 's/^/    | /' >&2
  fi
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_of() { [ -f "$PID_DIR/$1.pid" ] && cat "$PID_DIR/$1.pid"; }

running() {
  local pid; pid=$(pid_of "$1") || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# wait_for COMPONENT SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds.
wait_for() {
  local component=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ -f "$PID_DIR/$component.pid" ] && ! running "$component"; then
      fail "$component" "exited during start-up" "$LOG_DIR/$component.log"
    fi
    [ $SECONDS -ge $deadline ] && fail "$component" "not ready after ${seconds}s" "$LOG_DIR/$component.log"
    sleep 0.2
  done
}

# stop_pid COMPONENT [SECONDS]: SIGTERM, then SIGKILL after a grace period (5 s), then forget the pid.
stop_pid() {
  local component=$1 grace=${2:-5} pid
  pid=$(pid_of "$component") || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$PID_DIR/$component.pid"
}

# Records that this invocation started COMPONENT, so that `make test` stops only what it started.
mark_started() { [ -n "${STARTED_FILE:-}" ] && echo "$1" >>"$STARTED_FILE"; return 0; }

# Scripts that bring the local cloud up for a while (make test, make contracts, make e2e) stop, when they exit,
# only what they started: `cloud up` records it in $STARTED_FILE. A script run by another one inherits the file
# and leaves the stopping to the outermost. Use: track_started; trap stop_started EXIT
track_started() {
  TRACKING_STARTED=false
  [ -n "${STARTED_FILE:-}" ] && return 0
  export STARTED_FILE; STARTED_FILE=$(mktemp); TRACKING_STARTED=true
}

stop_started() {
  ${TRACKING_STARTED:-false} || return 0
  local started; started=$(tac "$STARTED_FILE" | tr '\n' ' ')
  [ -n "$started" ] && { echo; "$ROOT/localstack/bin/cloud" down $started; }
  rm -f "$STARTED_FILE"
}

java_home() {
  [ -n "${JDK_HOME_CACHED:-}" ] || JDK_HOME_CACHED=$("$ROOT/localstack/bin/find-jdk") || fail java "no suitable JDK"
  echo "$JDK_HOME_CACHED"
}

present_services() {
  local s
  for s in "${SERVICE_ORDER[@]}"; do [ -f "$ROOT/services/$s/pom.xml" ] && echo "$s"; done
}
