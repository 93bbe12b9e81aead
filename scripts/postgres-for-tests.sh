# Sourced by test.sh and bench scripts: makes sure TOOL_COMPARE_VOTES_POSTGRES
# names a PostgreSQL server for the collector's tests. One named already is
# used as it is; otherwise a throwaway cluster starts on loopback in a
# temporary folder (PostgreSQL refuses to run as root, so as the postgres
# user then) and stops when the sourcing shell exits. Installs Debian's
# postgresql when its programs are missing.
start_test_postgres() {
  if [ -n "${TOOL_COMPARE_VOTES_POSTGRES:-}" ]; then return 0; fi
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    say "installing PostgreSQL for the collector's tests"
    apt_install postgresql
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  local as=()
  if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
  PG_TEST_DIR="$(mktemp -d /tmp/tool-compare-pg.XXXXXX)"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_TEST_DIR"; fi
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -A trust -U postgres >"$PG_TEST_DIR/initdb.log" 2>&1 ||
    { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=on" start >/dev/null ||
    { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  PG_TEST_STOP=("${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop)
  trap 'stop_test_postgres' EXIT
  export TOOL_COMPARE_VOTES_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
  say "PostgreSQL for the collector's tests on 127.0.0.1:$port (throwaway, in $PG_TEST_DIR)"
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ]; then
    "${PG_TEST_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
    PG_TEST_DIR=""
  fi
}
