#!/usr/bin/env bash
# ./test.sh — every test, from a fresh clone (Debian 12 + .NET 10 SDK): installs what is missing
# (PostgreSQL server, Chromium), starts a throw-away PostgreSQL on a free port, builds, fails on pending
# EF model changes, runs all tests (incl. Chromium journeys), and stops/removes the database even on failure.
#
#   SR_SKIP_E2E=1   skip browser tests (and the chromium install)
#   SR_PG_PORT=N    first port to try (default 55432)
#   SR_CHROMIUM=... browser binary (default /usr/bin/chromium)
#   Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Login"
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

PG_MAJOR=${PG_MAJOR:-15}
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
export SR_CHROMIUM=${SR_CHROMIUM:-/usr/bin/chromium}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

t0=$SECONDS; declare -a timings=()
step() { timings+=("$(printf '%-28s %4ss' "$1" $((SECONDS - t0)))"); t0=$SECONDS; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "root needed for: $*" >&2; return 1; fi
}

# ---- 1. OS packages ------------------------------------------------------------------------
need=()
[ -x "$PGBIN/initdb" ] || need+=("postgresql-$PG_MAJOR")
if [ "${SR_SKIP_E2E:-0}" != 1 ] && [ ! -x "$SR_CHROMIUM" ]; then need+=(chromium fonts-liberation); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "==> apt-get install ${need[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi
command -v dotnet >/dev/null || { echo ".NET 10 SDK not found on PATH" >&2; exit 1; }
step "apt"

# ---- 2. PostgreSQL: private cluster in a temp dir (no /etc/postgresql, no systemd) ---------
PGTMP=$(mktemp -d /tmp/sr-pg.XXXXXX)
PGDATA=$PGTMP/data
PGRUN=()
if [ "$(id -u)" -eq 0 ]; then           # initdb/postgres refuse to run as root
  chown postgres:postgres "$PGTMP"
  PGRUN=(runuser -u postgres --)
fi
cleanup() {
  local rc=$?
  if [ -f "$PGDATA/postmaster.pid" ]; then
    "${PGRUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$PGTMP"
  dotnet build-server shutdown >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=${SR_PG_PORT:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
printf 'postgres\n' > "$PGTMP/pw"; chmod 644 "$PGTMP/pw"
"${PGRUN[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$PGTMP/pw" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log"; exit 1; }
"${PGRUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGTMP/server.log" -w -t 60 -o \
  "-p $port -c listen_addresses=127.0.0.1 -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PGTMP/server.log"; exit 1; }
export SR_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres"
echo "==> PostgreSQL $PG_MAJOR on 127.0.0.1:$port (data $PGDATA)"
echo "    each test run makes its own database, owned by sr_test_owner (who migrates); the app under test connects as"
echo "    sr_test_app, the runtime role with rows-only rights, as in production (ADR 0010)"
step "postgres start"

# ---- 3. restore / build / migrations check / test ------------------------------------------
dotnet restore ServiceRecovery.sln
step "restore"
dotnet build ServiceRecovery.sln --no-restore -c Debug
step "build"
dotnet tool restore >/dev/null
if ! dotnet ef --version >/dev/null 2>&1; then
  # stale ~/.dotnet/toolResolverCache entry (happens when the NuGet packages folder was wiped/moved)
  rm -f "$HOME"/.dotnet/toolResolverCache/*/dotnet-ef
  dotnet tool restore >/dev/null
fi
dotnet ef migrations has-pending-model-changes --project src/ServiceRecovery.Web --no-build
step "ef pending-model check"
# SR_SKIP_E2E=1 adds "Category!=E2E" to the caller's own --filter, if any.
args=("$@")
if [ "${SR_SKIP_E2E:-0}" = 1 ]; then
  joined=0
  for i in "${!args[@]}"; do
    if [ "${args[$i]}" = --filter ] && [ $((i + 1)) -lt ${#args[@]} ]; then
      args[$((i + 1))]="(${args[$((i + 1))]})&Category!=E2E"; joined=1
    fi
  done
  [ "$joined" = 1 ] || args+=(--filter "Category!=E2E")
fi
dotnet test ServiceRecovery.sln --no-build --logger "console;verbosity=normal" \
  --results-directory "$ROOT/TestResults" "${args[@]}"
step "test"

printf '\n==> timings\n'; printf '  %s\n' "${timings[@]}"
