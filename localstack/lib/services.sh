# The Java programs of the stack (the services, and the edge): built with Maven when their sources changed,
# started as local processes with their environment file, and awaited on their health endpoint.

jar_of() { echo "$ROOT/services/$1/target/$1.jar"; }

# The platform kit every service and the edge build against: installed into the local Maven repository (as a
# polyrepo team's package registry would serve it) before any of them is built.
KIT_DIR=$ROOT/platform/kit
KIT_VERSION=$(sed -n 's:^    <version>\(.*\)</version>:\1:p' "$KIT_DIR/pom.xml" | head -n 1)
# The local Maven repository: MAVEN_REPOSITORY, else the one MAVEN_OPTS names (-Dmaven.repo.local=...), else Maven's
# default. Looking in another one than Maven installs into would install the kit again before every build.
maven_repository() {
  local from_opts
  from_opts=$(sed -n 's/.*-Dmaven\.repo\.local=\([^ ]*\).*/\1/p' <<<"${MAVEN_OPTS:-}")
  echo "${MAVEN_REPOSITORY:-${from_opts:-$HOME/.m2/repository}}"
}
KIT_JAR=$(maven_repository)/io/wechat/platform/platform-kit/$KIT_VERSION/platform-kit-$KIT_VERSION.jar

# kit_installed: installs the kit (without its tests: `make test-one P=kit` runs them) when the local
# repository lacks this version or holds one older than the kit's sources.
kit_installed() {
  [ -f "$KIT_JAR" ] && [ -z "$(find "$KIT_DIR/src" "$KIT_DIR/pom.xml" -newer "$KIT_JAR" -print -quit)" ] && return 0
  step kit "installing platform-kit $KIT_VERSION"
  JAVA_HOME=$(java_home) mvn -B -q -f "$KIT_DIR/pom.xml" install -DskipTests >"$LOG_DIR/kit-build.log" 2>&1 \
    || fail kit "build failed" "$LOG_DIR/kit-build.log"
  # Maven leaves a jar whose classes did not change untouched (a change to the kit's tests only), and installs it with
  # its old time: without this every later build would install the kit again.
  touch "$KIT_JAR"
}

# needs_build DIR JAR: the jar is missing or older than the sources, the pom or the kit's sources.
needs_build() {
  [ ! -f "$2" ] || [ -n "$(find "$1/src/main" "$1/pom.xml" "$KIT_DIR/src/main" "$KIT_DIR/pom.xml" -newer "$2" -print -quit)" ]
}

# build_java NAME DIR: mvn package without tests, log in .local/logs/NAME-build.log.
build_java() {
  kit_installed
  step "$1" "building"
  JAVA_HOME=$(java_home) mvn -B -q -f "$2/pom.xml" package -DskipTests >"$LOG_DIR/$1-build.log" 2>&1 \
    || fail "$1" "build failed" "$LOG_DIR/$1-build.log"
  # Maven leaves a jar whose classes did not change untouched; its time is what needs_build compares.
  touch "$2/target/$1.jar"
}

# launch_java NAME DIR JAR ENV_FILE PORT: java -jar in DIR with the environment of ENV_FILE, in the background; with
# the JDK's AOT cache of this jar (made by a training run first when there is none yet). Does not wait for it.
launch_java() {
  local name=$1 dir=$2 jar=$3 env_file=$4 port=$5 aot_opts=
  port_open "$port" && fail "$name" "port $port is taken by another process"
  if aot_enabled; then
    aot_cache_current "$name" "$dir" "$jar" || aot_train "$name" "$dir" "$jar" "$env_file" "$port"
    [ -f "$AOT_DIR/$name.aot" ] && aot_opts="-XX:AOTCache=$AOT_DIR/$name.aot"
  fi
  (
    set -a; . "$env_file"; set +a
    cd "$dir" && exec nohup "$(java_home)/bin/java" $(java_opts "$name") $aot_opts -jar "$jar"
  ) >>"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$PID_DIR/$name.pid"
  # Recorded at launch: a run that gives up waiting for it still stops it.
  mark_started "$name"
}

# The JDK's AOT cache (JDK 25, JEP 483/514/515): the classes a training run loaded and linked, and its method
# profiles, which a start then maps instead of reading, verifying and linking them from the jars again. Measured
# here: start to healthy about 2x faster. One cache per component in .local/aot/NAME.aot, valid for the jar, its
# libraries, the JDK and JAVA_OPTS it was made with (NAME.aot.key); a build changes the key, and the next start
# trains again (a few seconds: the training start, typical requests, and the cache written at its exit).
# AOT_CACHE=off starts without; a JDK without the option (21) never uses one.
AOT_DIR=$STATE_DIR/aot
aot_enabled() {
  [ "${AOT_CACHE:-on}" != off ] || return 1
  if [ -z "${AOT_SUPPORTED:-}" ]; then
    AOT_SUPPORTED=false
    "$(java_home)/bin/java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q '\bAOTCacheOutput\b' && AOT_SUPPORTED=true
  fi
  $AOT_SUPPORTED
}

# aot_key NAME DIR JAR: what the cache must match: the jar, its libraries, the JDK and the JVM options.
aot_key() {
  { sha256sum "$3"; ls -l --time-style=+%s "$2/target/libs" 2>/dev/null; "$(java_home)/bin/java" -version 2>&1
    java_opts "$1"; } | sha256sum | cut -d' ' -f1
}

aot_cache_current() {
  [ -f "$AOT_DIR/$1.aot" ] && [ "$(cat "$AOT_DIR/$1.aot.key" 2>/dev/null)" = "$(aot_key "$1" "$2" "$3")" ]
}

# aot_train NAME DIR JAR ENV_FILE PORT: starts the jar with -XX:AOTCacheOutput, sends it the requests every start
# and every client makes first (health with its dependency checks, an unauthenticated call, an unknown route), and
# stops it, which writes the cache. A failed training leaves no cache: the start goes on without one.
aot_train() {
  local name=$1 dir=$2 jar=$3 env_file=$4 port=$5 pid path
  step "$name" "training run for the JDK's AOT cache (after each build)"
  mkdir -p "$AOT_DIR"; rm -f "$AOT_DIR/$name.aot" "$AOT_DIR/$name.aot.key" "$AOT_DIR/$name.aot.tmp"
  (
    set -a; . "$env_file"; set +a
    cd "$dir" && exec "$(java_home)/bin/java" $(java_opts "$name") -XX:AOTCacheOutput="$AOT_DIR/$name.aot.tmp" -jar "$jar"
  ) >>"$LOG_DIR/$name-aot.log" 2>&1 &
  pid=$!
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until health_answers "$port"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
      info "the training run did not become healthy (see $LOG_DIR/$name-aot.log): starting without an AOT cache"
      return 0
    fi
    sleep 0.2
  done
  for _ in 1 2 3; do
    for path in /observe/health /observe/health/live /observe/health/ready /users/me /conversations /devices \
                /no-such-route; do
      curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port$path" -H 'Authorization: Bearer not-a-token' || true
    done
  done
  # The JVM writes the cache as it exits (it may take longer than the run itself: a child JVM assembles it).
  kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ -s "$AOT_DIR/$name.aot.tmp" ]; then
    mv "$AOT_DIR/$name.aot.tmp" "$AOT_DIR/$name.aot"
    aot_key "$name" "$dir" "$jar" >"$AOT_DIR/$name.aot.key"
    ok "AOT cache written ($(du -m "$AOT_DIR/$name.aot" | cut -f1) MB)"
  else
    info "no AOT cache was written (see $LOG_DIR/$name-aot.log): starting without one"
  fi
}

# wait_live NAME PORT: a JVM that is starting (now, or by an earlier call that gave up) is waited for until live.
wait_live() {
  wait_for "$1" "$START_TIMEOUT_SECONDS" health_answers "$2"
  ok "ready"
}

# user-service's access-token signing keys: a key ring (current, next, previous) in one file that user-service
# re-reads every few seconds, rotated by `cloud rotate-keys` with the same script operators run against Secrets
# Manager in AWS. A key from before key rings (jwt-signing-key.pem) stays the current key, so live tokens survive.
SIGNING_KEYS_FILE=$STATE_DIR/keys/jwt-signing-keys.json
ROTATE_SIGNING_KEYS=$ROOT/services/user-service/scripts/rotate-signing-keys
signing_key_up() {
  local legacy=$STATE_DIR/keys/jwt-signing-key.pem
  [ -s "$SIGNING_KEYS_FILE" ] && return 0
  step keys "generating the local JWT signing keys (current and next)"
  mkdir -p "$STATE_DIR/keys"; chmod 700 "$STATE_DIR/keys"
  [ ! -s "$legacy" ] || (umask 077; cp "$legacy" "$SIGNING_KEYS_FILE")
  "$ROTATE_SIGNING_KEYS" --file "$SIGNING_KEYS_FILE" >>"$LOG_DIR/keys.log" 2>&1 \
    || fail keys "rotate-signing-keys failed" "$LOG_DIR/keys.log"
  rm -f "$legacy"
}

# Rotates the signing keys of the running stack and waits until user-service publishes the new set: next becomes
# current, current stays published as previous, a new next is published.
signing_keys_rotate() {
  local jwks=http://127.0.0.1:${SERVICE_PORTS[user-service]}/.well-known/jwks.json before after deadline
  [ -s "$SIGNING_KEYS_FILE" ] || fail keys "no signing keys in $SIGNING_KEYS_FILE: run 'make up' first"
  running user-service || fail keys "user-service is not running: run 'make up' first"
  before=$(curl -sf --max-time 5 "$jwks") || fail keys "user-service does not answer $jwks"
  step keys "rotating the JWT signing keys"
  "$ROTATE_SIGNING_KEYS" --file "$SIGNING_KEYS_FILE" >>"$LOG_DIR/keys.log" 2>&1 \
    || fail keys "rotate-signing-keys failed" "$LOG_DIR/keys.log"
  deadline=$((SECONDS + 60))
  while :; do
    after=$(curl -sf --max-time 5 "$jwks") && [ "$after" != "$before" ] && break
    [ $SECONDS -lt $deadline ] || fail keys "user-service did not publish the rotated keys within 60 s" "$LOG_DIR/user-service.log"
    sleep 1
  done
  ok "user-service publishes $(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["keys"]))' <<<"$after") keys; new tokens name the new current key"
}

# The edge's proof to the services that a request came through it (in AWS only API Gateway reaches them): a new
# random secret for each start of the stack, kept while any service or the edge runs, so that a restarted
# component gets the one the others hold.
EDGE_SECRET_FILE=$STATE_DIR/keys/edge-secret
edge_secret_up() {
  local c
  if [ -s "$EDGE_SECRET_FILE" ]; then
    for c in $(present_services) edge; do running "$c" && return 0; done
  fi
  mkdir -p "$STATE_DIR/keys"; chmod 700 "$STATE_DIR/keys"
  (umask 077; openssl rand -hex 32 >"$EDGE_SECRET_FILE") || fail keys "openssl rand failed"
}

edge_secret() { cat "$EDGE_SECRET_FILE"; }

# rebuilt_since_start NAME JAR: the jar is newer than the running process (its pid file is written at start).
rebuilt_since_start() { [ "$2" -nt "$PID_DIR/$1.pid" ]; }

# settings_changed_since_start NAME: its environment file changed after the process started (a Terraform output, say;
# the file is replaced only when its content changes).
settings_changed_since_start() { [ "$ENV_DIR/$1.env" -nt "$PID_DIR/$1.pid" ]; }

# Liveness: the process serves HTTP, whatever its dependencies say (their state is /observe/health's business).
health_answers() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/observe/health/live" | grep -qx 200; }

health_code() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/observe/health"; }

# services_await: waits until every service is live (launched by service_launch, or already running).
services_await() {
  local s
  for s in $(present_services); do
    step "$s" "awaiting http://127.0.0.1:${SERVICE_PORTS[$s]}/observe/health/live"
    wait_live "$s" "${SERVICE_PORTS[$s]}"
  done
}

# service_launch NAME: builds the service when its sources changed and (re)starts it when it is not running, or runs
# an older jar or older settings; does not wait for it to be live.
service_launch() {
  local s=$1 dir=$ROOT/services/$1 jar port=${SERVICE_PORTS[$1]}
  jar=$(jar_of "$s")
  if running "$s" && ! needs_build "$dir" "$jar" && ! rebuilt_since_start "$s" "$jar" && ! settings_changed_since_start "$s"; then
    step "$s" "already running on http://127.0.0.1:$port"; return
  fi
  if needs_build "$dir" "$jar"; then
    build_java "$s" "$dir"
    running "$s" && { info "sources changed: restarting"; stop_pid "$s"; }
  fi
  # A jar rebuilt by hand under a running JVM breaks its lazy class loading: restart on the new one.
  running "$s" && { info "jar or settings changed since the start: restarting"; stop_pid "$s"; }
  step "$s" "starting on http://127.0.0.1:$port"
  launch_java "$s" "$dir" "$jar" "$ENV_DIR/$s.env" "$port"
}

service_down() {
  running "$1" || { rm -f "$PID_DIR/$1.pid"; return 0; }
  step "$1" "stopping"
  stop_pid "$1"
}

service_status() {
  local s=$1 port=${SERVICE_PORTS[$1]}
  if running "$s"; then
    printf '%-12s up    http://127.0.0.1:%s (health %s)\n' "${s%-service}" "$port" "$(health_code "$port")"
  else
    printf '%-12s down\n' "${s%-service}"
  fi
}
