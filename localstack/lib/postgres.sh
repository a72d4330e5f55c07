# PostgreSQL: a real server with its data in the state folder, on a port of the project's own.
# initdb and pg_ctl refuse to run as root, so as root they run as the unprivileged `postgres` user.

PG_BIN=
PG_DATA=$STATE_DIR/postgres/data
PG_SOCKET=$STATE_DIR/postgres/run
PG_PASSWORD_FILE=$STATE_DIR/postgres/password
PG_DATABASES=(user_service user_service_test)

pg_find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent)")"; do
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && { PG_BIN=$dir; return 0; }
  done
  if is_root && command -v apt-get >/dev/null; then
    info "PostgreSQL not installed: apt-get install postgresql"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >>"$LOG_DIR/postgres.log" 2>&1 \
      || fail postgres "apt-get install postgresql failed" "$LOG_DIR/postgres.log"
    pg_find_bin; return
  fi
  fail postgres "PostgreSQL 15+ server binaries not found: install them (Debian: apt-get install postgresql)"
}

# as_pg COMMAND...: runs COMMAND as the postgres user when we are root, as ourselves otherwise.
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_prepare_dirs() {
  if is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
    # The postgres user must be able to reach the state folder; a clone under a private home cannot be
    # reached, so the data then lives in a folder of its own under /tmp, linked from the state folder.
    if ! runuser -u postgres -- test -x "$STATE_DIR" 2>/dev/null && [ ! -e "$STATE_DIR/postgres" ]; then
      local outside; outside=/tmp/wechat-postgres-$(echo "$STATE_DIR" | sha1sum | cut -c1-12)
      mkdir -p "$outside"; ln -s "$outside" "$STATE_DIR/postgres"
    fi
  fi
  mkdir -p "$STATE_DIR/postgres" "$PG_SOCKET"
  is_root && chown postgres: "$STATE_DIR/postgres" "$PG_SOCKET"
  return 0
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

pg_psql() { PGPASSWORD=$(cat "$PG_PASSWORD_FILE") "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }

postgres_up() {
  pg_find_bin
  if pg_ready; then step postgres "already running on 127.0.0.1:$PG_PORT"; return; fi
  port_open "$PG_PORT" && fail postgres "port $PG_PORT is taken by something that is not PostgreSQL"
  pg_prepare_dirs
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    step postgres "initdb into $PG_DATA"
    umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PG_PASSWORD_FILE"; umask 022
    local pwfile; pwfile=$(mktemp); cp "$PG_PASSWORD_FILE" "$pwfile"; chmod 644 "$pwfile"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
      >>"$LOG_DIR/postgres.log" 2>&1 || { rm -f "$pwfile"; fail postgres "initdb failed" "$LOG_DIR/postgres.log"; }
    rm -f "$pwfile"
  fi
  step postgres "starting on 127.0.0.1:$PG_PORT"
  touch "$LOG_DIR/postgres.log"; is_root && chown postgres: "$LOG_DIR/postgres.log"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOG_DIR/postgres.log" -w -t 30 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_SOCKET -c fsync=off -c synchronous_commit=off" start >/dev/null \
    || fail postgres "pg_ctl start failed" "$LOG_DIR/postgres.log"
  as_pg head -n 1 "$PG_DATA/postmaster.pid" >"$PID_DIR/postgres.pid"
  mark_started postgres
  local db
  for db in "${PG_DATABASES[@]}"; do
    [ "$(pg_psql -c "select 1 from pg_database where datname = '$db'")" = 1 ] || pg_psql -c "create database $db" \
      || fail postgres "could not create database $db" "$LOG_DIR/postgres.log"
  done
  ok "ready (databases: ${PG_DATABASES[*]})"
}

postgres_down() {
  [ -f "$PG_DATA/postmaster.pid" ] || { rm -f "$PID_DIR/postgres.pid"; return 0; }
  pg_find_bin
  step postgres "stopping"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || stop_pid postgres
  rm -f "$PID_DIR/postgres.pid"
}

postgres_status() {
  pg_find_bin
  if pg_ready; then echo "postgres     up    127.0.0.1:$PG_PORT user $PG_USER, password in $PG_PASSWORD_FILE"; else echo "postgres     down"; fi
}
