#!/bin/sh
# A throw-away PostgreSQL cluster for one ctest run: `start DIR` makes it
# (initdb into DIR/data, its Unix socket in DIR, no TCP) and starts it;
# `stop DIR` stops it and removes DIR. Run as root, the cluster belongs to
# `nobody` (PostgreSQL refuses to run as root). Missing binaries fail loudly:
# the PostgreSQL tests are part of the suite, never skipped.
set -eu
action=$1
dir=$2
bindir=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
  echo "pg_cluster: no PostgreSQL server binaries (initdb) under /usr/lib/postgresql/*/bin; install postgresql-15 (scripts/setup.sh)" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups --reset-env -- "$@"
  else
    "$@"
  fi
}
case "$action" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U canting --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    # Tests need no durability: the cluster is gone when they end.
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || {
      cat "$dir/server.log" >&2
      exit 1
    }
    echo "pg_cluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $dir"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg_cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
