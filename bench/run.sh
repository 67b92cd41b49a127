#!/usr/bin/env bash
# Runs one benchmark against a throwaway PostgreSQL 15 cluster on loopback (installs postgresql-15 and wrk if missing).
#   bench/run.sh <benchmark> [--scale N]      e.g. bench/run.sh org-list --scale 100000
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
PGBIN=/usr/lib/postgresql/15/bin
missing=(); [ -x "$PGBIN/initdb" ] || missing+=(postgresql-15); command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then $SUDO apt-get update -qq; $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; fi
PGDIR=$(mktemp -d /tmp/kexie-bench-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then id postgres >/dev/null 2>&1 || useradd --system postgres; chown postgres "$PGDIR"; fi
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"' EXIT
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Production-like durability (fsync on); shared_buffers sized for the benchmark data.
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=1GB" start >/dev/null
export KEXIE_BENCH_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
dotnet run -c Release --project bench/Kexie.Bench -- "$@"
