#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port and prints its connection string.
#   scripts/postgres.sh start DIR   -> prints "Host=127.0.0.1;Port=...;Username=postgres;Password=..."
#   scripts/postgres.sh restart DIR   (pg_ctl restart -m fast: what a fault test does to a running engine)
#   scripts/postgres.sh stop DIR
# initdb refuses to run as root, so as root the cluster runs as the 'postgres' user.
set -euo pipefail

action=${1:?usage: postgres.sh start|restart|stop DIR}
dir=${2:?usage: postgres.sh start|restart|stop DIR}

find_bin() {
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

case "$action" in
start)
  bin=$(find_bin) || {
    echo "postgres.sh: installing PostgreSQL server binaries from Debian's packages" >&2
    if [ "$(id -u)" != 0 ]; then echo "postgres.sh: need root to apt-get install postgresql" >&2; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
  }
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  printf '%s\n' "$password" > "$dir/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/pwfile"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))
  as_owner "'$bin/initdb' -D '$dir/data' -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile='$dir/pwfile' -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Tests trade durability for speed; benchmarks (POSTGRES_DURABLE=1) keep PostgreSQL's defaults.
  speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ -n "${POSTGRES_DURABLE:-}" ] && speed=""
  as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 $speed\" start" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
  ;;
restart)
  bin=$(find_bin)
  as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -m fast -w restart" >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  ;;
stop)
  bin=$(find_bin) || exit 0
  [ -d "$dir/data" ] && as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate -w stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: postgres.sh start|restart|stop DIR" >&2; exit 2 ;;
esac
