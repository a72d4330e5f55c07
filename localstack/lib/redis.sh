# Redis: a real server on a port of the project's own, its data saved in the state folder on shutdown.

redis_find() {
  command -v redis-server >/dev/null && return 0
  if is_root && command -v apt-get >/dev/null; then
    info "redis-server not installed: apt-get install redis-server"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } >>"$LOG_DIR/redis.log" 2>&1 \
      || fail redis "apt-get install redis-server failed" "$LOG_DIR/redis.log"
    return 0
  fi
  fail redis "redis-server not found: install it (Debian: apt-get install redis-server)"
}

redis_ready() { [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_up() {
  redis_find
  if redis_ready; then step redis "already running on 127.0.0.1:$REDIS_PORT"; return; fi
  port_open "$REDIS_PORT" && fail redis "port $REDIS_PORT is taken by something that is not Redis"
  step redis "starting on 127.0.0.1:$REDIS_PORT"
  mkdir -p "$STATE_DIR/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
    --dir "$STATE_DIR/redis" --dbfilename dump.rdb --save 60 1 \
    --pidfile "$PID_DIR/redis.pid" --logfile "$LOG_DIR/redis.log" >/dev/null \
    || fail redis "redis-server did not start" "$LOG_DIR/redis.log"
  wait_for redis 15 redis_ready
  mark_started redis
  ok "ready"
}

redis_down() {
  if redis_ready; then
    step redis "stopping (saving data)"
    redis-cli -p "$REDIS_PORT" shutdown save >/dev/null 2>&1 || true
    wait_for_stop=$((SECONDS + 10))
    while redis_ready && [ $SECONDS -lt $wait_for_stop ]; do sleep 0.1; done
  fi
  stop_pid redis
}

redis_status() {
  if redis_ready; then echo "redis        up    127.0.0.1:$REDIS_PORT"; else echo "redis        down"; fi
}
