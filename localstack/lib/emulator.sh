# The AWS emulator on 127.0.0.1:$AWS_PORT: moto's server (default), or LocalStack through Docker Compose.

emulator_ready() { curl -sf -o /dev/null "$AWS_ENDPOINT/moto-api/" || curl -sf -o /dev/null "$AWS_ENDPOINT/_localstack/health"; }

# A Python that has moto: the machine's, else a venv in the state folder with moto installed by pip.
moto_python() {
  if python3 -c 'import moto.server' >/dev/null 2>&1; then echo python3; return; fi
  local venv=$STATE_DIR/venv
  if ! "$venv/bin/python" -c 'import moto.server' >/dev/null 2>&1; then
    info "moto not installed: installing moto[server] into $venv"
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q 'moto[server]>=5.1,<6'; } >>"$LOG_DIR/emulator.log" 2>&1 \
      || fail emulator "could not install moto (needs python3-venv and PyPI); install moto or use LOCAL_CLOUD=localstack" "$LOG_DIR/emulator.log"
  fi
  echo "$venv/bin/python"
}

emulator_up() {
  if emulator_ready; then
    step emulator "already running on $AWS_ENDPOINT"; return
  fi
  port_open "$AWS_PORT" && fail emulator "port $AWS_PORT is taken by something that is not an AWS emulator"
  case $LOCAL_CLOUD in
    moto)
      step emulator "starting moto on $AWS_ENDPOINT"
      # moto's server with its DynamoDB transactions made safe under concurrency (see the script).
      local python; python=$(moto_python)
      nohup "$python" "$ROOT/localstack/emulator/moto_server.py" -H 127.0.0.1 -p "$AWS_PORT" >>"$LOG_DIR/emulator.log" 2>&1 &
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
  # A fresh emulator holds nothing: whatever Terraform remembers of an earlier one is void.
  date +%s%N >"$STATE_DIR/emulator.instance"
  mark_started emulator
  ok "ready"
}

emulator_down() {
  if [ -f "$PID_DIR/emulator.compose" ]; then
    step emulator "stopping LocalStack"
    docker compose -f "$ROOT/localstack/docker-compose.yml" down >>"$LOG_DIR/emulator.log" 2>&1 || true
    rm -f "$PID_DIR/emulator.compose"
  elif running emulator; then
    step emulator "stopping"; stop_pid emulator
  fi
  rm -f "$PID_DIR/emulator.pid"
}

emulator_status() {
  if emulator_ready; then echo "emulator     up    $AWS_ENDPOINT ($LOCAL_CLOUD)"; else echo "emulator     down"; fi
}
