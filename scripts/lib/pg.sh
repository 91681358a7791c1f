# shellcheck shell=bash
# A private PostgreSQL for tests and the demo: its own data directory, a free
# port on 127.0.0.1, a socket directory of its own, run as an unprivileged
# user when we are root (PostgreSQL refuses to run as root).
#   fitbot_pg_start DIR   -> exports FITBOT_PG_PORT, FITBOT_TEST_DATABASE_URL
#   fitbot_pg_stop DIR

fitbot_pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && echo "$d"; done | sort -V | tail -n 1
}

fitbot_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

fitbot_pg_start() {
  local dir=$1 bin run=() port
  bin=$(fitbot_pg_bindir)
  [ -n "$bin" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U fitbot --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; return 1; }
  fi
  port=$(fitbot_free_port)
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  export FITBOT_PG_PORT=$port
  export FITBOT_TEST_DATABASE_URL="postgresql://fitbot@127.0.0.1:$port/postgres"
}

fitbot_pg_stop() {
  local dir=$1 bin run=()
  bin=$(fitbot_pg_bindir)
  [ -f "$dir/data/postmaster.pid" ] || return 0
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
}
