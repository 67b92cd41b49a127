#!/usr/bin/env bash
# Runs every Kexie test on a fresh Debian machine: installs PostgreSQL 15, Chromium and CJK fonts with apt
# when they are missing, starts a throwaway PostgreSQL cluster on a loopback port, builds, checks formatting,
# and runs the unit, integration (SQLite + PostgreSQL) and browser tests. Stops the cluster on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PGBIN=/usr/lib/postgresql/15/bin
missing=()
[ -x "$PGBIN/initdb" ] || missing+=(postgresql-15)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# fonts-noto-cjk: Noto Sans/Serif CJK, also used for the certificate PDFs (SkiaSharp).
{ fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && [ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc ]; } || missing+=(fonts-noto-cjk)
# The work plan's annual review (.docx) is rendered to PDF in a test and its text read back.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet (the .NET 10 SDK) is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

# --- a throwaway PostgreSQL cluster on loopback ---
PGDIR=$(mktemp -d /tmp/kexie-pg.XXXXXX)
PGPORT=${KEXIE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$PGDIR" postgres
  chown postgres "$PGDIR"
fi
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export KEXIE_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Maximum Pool Size=20"
echo "== PostgreSQL 15 test cluster on 127.0.0.1:$PGPORT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== build"
dotnet build Kexie.slnx -m:1 -nologo -clp:ErrorsOnly
echo "== format check"
dotnet format Kexie.slnx --verify-no-changes --no-restore --verbosity quiet

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
status=0
for project in tests/Kexie.UnitTests tests/Kexie.IntegrationTests tests/Kexie.BrowserTests; do
  echo "== $project"
  dotnet test "$project" --no-build -nologo --logger "trx;LogFilePrefix=$(basename "$project")" --results-directory "$RESULTS" || status=1
done

# One plain closing line over every test run.
python3 - "$RESULTS" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
