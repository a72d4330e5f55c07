# The AWS emulator on 127.0.0.1:$AWS_PORT: moto's server (default), or LocalStack through Docker Compose.

emulator_ready() { curl -sf -o /dev/null "$AWS_ENDPOINT/moto-api/" || curl -sf -o /dev/null "$AWS_ENDPOINT/_localstack/health"; }

EMULATOR_REQUIREMENTS=$ROOT/localstack/emulator/requirements.txt
# The emulator's state between runs (see localstack/emulator/snapshots.py); `make clean` deletes it.
EMULATOR_SNAPSHOT=$STATE_DIR/emulator/snapshot
EMULATOR_INSTANCE=$STATE_DIR/emulator.instance

moto_required_version() { sed -n 's/^moto\[server\]==//p' "$EMULATOR_REQUIREMENTS"; }

moto_version_of() { "$1" -c 'import moto.server, moto; print(moto.__version__)' 2>/dev/null; }

# A Python with exactly the pinned moto: the machine's when it has that version, else a venv in the state folder
# with the pinned version installed by pip. moto_server.py patches moto's internals and pickles its state, so
# another version is refused rather than run.
moto_python() {
  local required machine venv=$STATE_DIR/venv
  required=$(moto_required_version)
  machine=$(moto_version_of python3) || machine=none
  [ "$machine" = "$required" ] && { echo python3; return; }
  if [ "$(moto_version_of "$venv/bin/python")" != "$required" ]; then
    info "moto $required needed (python3 has moto $machine): installing it into $venv" >&2
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q -r "$EMULATOR_REQUIREMENTS"; } >>"$LOG_DIR/emulator.log" 2>&1 \
      || fail emulator "moto $required is required and python3 has moto $machine; installing $required into $venv failed (needs python3-venv and PyPI): install moto[server]==$required or use LOCAL_CLOUD=localstack" "$LOG_DIR/emulator.log"
  fi
  local installed; installed=$(moto_version_of "$venv/bin/python")
  [ "$installed" = "$required" ] || fail emulator "moto $required is required, $venv has ${installed:-none}"
  echo "$venv/bin/python"
}

emulator_up() {
  if emulator_ready; then
    step emulator "already running on $AWS_ENDPOINT"; return
  fi
  port_open "$AWS_PORT" && fail emulator "port $AWS_PORT is taken by something that is not an AWS emulator"
  case $LOCAL_CLOUD in
    moto)
      local python; python=$(moto_python)
      mkdir -p "$(dirname "$EMULATOR_SNAPSHOT")"
      if [ -s "$EMULATOR_SNAPSHOT" ]; then
        step emulator "starting moto on $AWS_ENDPOINT (restoring $(du -h "$EMULATOR_SNAPSHOT" | cut -f1) of saved state)"
      else
        step emulator "starting moto on $AWS_ENDPOINT"
      fi
      # moto's server with the project's fixes and its state kept in a snapshot file (see the script).
      EMULATOR_SNAPSHOT=$EMULATOR_SNAPSHOT EMULATOR_SNAPSHOT_INTERVAL=${EMULATOR_SNAPSHOT_INTERVAL:-1} nohup "$python" "$ROOT/localstack/emulator/moto_server.py" \
        -H 127.0.0.1 -p "$AWS_PORT" >>"$LOG_DIR/emulator.log" 2>&1 &
      echo $! >"$PID_DIR/emulator.pid"
      ;;
    localstack)
      step emulator "starting LocalStack (Docker Compose) on $AWS_ENDPOINT"
      docker info >/dev/null 2>&1 || fail emulator "LOCAL_CLOUD=localstack needs a running Docker engine"
      [ -n "${LOCALSTACK_AUTH_TOKEN:-}" ] || fail emulator "LOCAL_CLOUD=localstack needs LOCALSTACK_AUTH_TOKEN (LocalStack's image requires one)"
      AWS_PORT=$AWS_PORT docker compose -f "$ROOT/localstack/docker-compose.yml" up -d >>"$LOG_DIR/emulator.log" 2>&1 \
        || fail emulator "docker compose up failed" "$LOG_DIR/emulator.log"
      echo localstack >"$PID_DIR/emulator.compose"
      ;;
    *) fail emulator "LOCAL_CLOUD must be moto or localstack, not '$LOCAL_CLOUD'" ;;
  esac
  wait_for emulator 60 emulator_ready
  # An emulator that starts empty holds nothing: whatever Terraform remembers of an earlier one is void. One that
  # restored its snapshot is the same instance as before, and Terraform's state still describes it.
  if [ ! -s "$EMULATOR_SNAPSHOT" ] || [ ! -s "$EMULATOR_INSTANCE" ] || [ "$LOCAL_CLOUD" != moto ]; then
    date +%s%N >"$EMULATOR_INSTANCE"
  fi
  mark_started emulator
  ok "ready"
}

emulator_down() {
  if [ -f "$PID_DIR/emulator.compose" ]; then
    step emulator "stopping LocalStack"
    docker compose -f "$ROOT/localstack/docker-compose.yml" down >>"$LOG_DIR/emulator.log" 2>&1 || true
    rm -f "$PID_DIR/emulator.compose"
  elif running emulator; then
    # On SIGTERM the emulator writes its last snapshot: give a large state the time it takes.
    step emulator "stopping (saving state)"; stop_pid emulator 120
  fi
  rm -f "$PID_DIR/emulator.pid"
}

emulator_status() {
  if emulator_ready; then echo "emulator     up    $AWS_ENDPOINT ($LOCAL_CLOUD)"; else echo "emulator     down"; fi
}
