# Source this file: a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite.
#   pg_up     installs PostgreSQL from the system packages if missing, initialises a cluster in a
#             temporary folder, starts it on a free port, exports MIGCTL_TEST_PG (a URL).
#   pg_down   stops the cluster and removes its folder.
# No root-owned service is assumed; when run as root, the server runs as an unprivileged user.

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

pg_install() {
  pg_bin >/dev/null && return 0
  if command -v apt-get >/dev/null 2>&1; then
    echo "== installing PostgreSQL from the system packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || { echo "PostgreSQL could not be installed"; return 1; }
  else
    echo "no apt-get: cannot install PostgreSQL"; return 1
  fi
  pg_bin >/dev/null
}

pg_up() {
  pg_install || return 1
  local bin port user
  bin=$(pg_bin)
  PG_DIR=$(mktemp -d /tmp/migctl-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  user=$(id -un)
  local run=()
  if [ "$(id -u)" = 0 ]; then
    user=postgres
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
    || { echo "initdb failed"; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/log"; return 1; }
  PG_RUN=("${run[@]}")
  PG_BIN=$bin
  export MIGCTL_TEST_PG="postgresql+psycopg://$user@127.0.0.1:$port/postgres"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

pg_down() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset PG_DIR MIGCTL_TEST_PG
}
