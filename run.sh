#!/usr/bin/env bash
# ./run.sh — the whole local set-up in one command (Debian 12 + .NET 10 SDK):
#   installs the PostgreSQL server if missing, starts a project-local cluster under .data/ (durable
#   settings, port 54329), lets the app apply migrations and seed demo users and data (Development), and
#   serves http://127.0.0.1:5080. Ctrl-C stops the app and the database. A second run reuses everything.
#
#   SR_PG_PORT=N     database port (default 54329)
#   SR_HTTP_URL=URL  where the app listens (default http://127.0.0.1:5080)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

PG_MAJOR=${PG_MAJOR:-15}
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_PORT=${SR_PG_PORT:-54329}
HTTP_URL=${SR_HTTP_URL:-http://127.0.0.1:5080}
DATA_DIR=$ROOT/.data
PGDATA=$DATA_DIR/pg
PGSOCK=$DATA_DIR/run
DB_NAME=servicerecovery
# Two roles (ADR 0010): the owner migrates; the app serves as a runtime role that reads and writes rows only.
OWNER_ROLE=servicerecovery_owner APP_ROLE=servicerecovery_app
SECRETS=$DATA_DIR/secrets.env   # generated once, readable by you only; no password lives in the repository
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "root needed for: $*" >&2; return 1; fi
}
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed (dotnet not on PATH)." >&2; exit 1; }

if [ ! -x "$PGBIN/initdb" ]; then
  echo "==> Installing PostgreSQL $PG_MAJOR (apt)"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "postgresql-$PG_MAJOR"
fi

# initdb and postgres refuse to run as root: run them as the postgres user then.
PGRUN=()
mkdir -p "$PGSOCK"
if [ "$(id -u)" -eq 0 ]; then
  PGRUN=(runuser -u postgres --)
  chown postgres:postgres "$DATA_DIR" "$PGSOCK"
fi
pg() { "${PGRUN[@]}" "$@"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "==> Creating the project database cluster in .data/pg"
  mkdir -p "$PGDATA"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDATA"
  pwfile=$(mktemp); printf 'postgres\n' >"$pwfile"; chmod 644 "$pwfile"
  pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$DATA_DIR/initdb.log" 2>&1 || { cat "$DATA_DIR/initdb.log"; rm -f "$pwfile"; exit 1; }
  rm -f "$pwfile"
  # Durable defaults (fsync, synchronous_commit, full_page_writes stay on); loopback only.
  cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGSOCK'
max_connections = 200
shared_buffers = 256MB
CONF
fi

started_db=0
if ! pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  echo "==> Starting PostgreSQL on 127.0.0.1:$PG_PORT"
  pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$DATA_DIR/postgres.log" -w -t 60 -o "-p $PG_PORT" start >/dev/null \
    || { tail -n 30 "$DATA_DIR/postgres.log"; exit 1; }
  started_db=1
else
  echo "==> PostgreSQL already running (.data/pg)"
fi

app_pid=""
stop_all() {
  trap - INT TERM EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ "$started_db" = 1 ]; then
    echo "==> Stopping PostgreSQL"
    pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

psql_admin() { pg psql -h "$PGSOCK" -p "$PG_PORT" -U postgres -d "${PSQL_DB:-postgres}" -v ON_ERROR_STOP=1 -qtA "$@"; }

# The roles' passwords: made up on the first run, kept in .data/secrets.env (mode 600).
if [ ! -s "$SECRETS" ]; then
  umask 077
  {
    printf 'SR_DB_OWNER_PASSWORD=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    printf 'SR_DB_APP_PASSWORD=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  } >"$SECRETS"
  umask 022
fi
# The password of the certificate that encrypts the data-protection key ring (the app makes the certificate itself
# the first time, in .data/keys/): added to an older secrets file too.
if ! grep -q '^SR_DP_CERT_PASSWORD=' "$SECRETS"; then
  printf 'SR_DP_CERT_PASSWORD=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" >>"$SECRETS"
fi
# shellcheck disable=SC1090
. "$SECRETS"

psql_admin -v owner_pw="$SR_DB_OWNER_PASSWORD" -v app_pw="$SR_DB_APP_PASSWORD" <<SQL
SELECT 'CREATE ROLE $OWNER_ROLE LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER_ROLE') \\gexec
SELECT 'CREATE ROLE $APP_ROLE LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') \\gexec
ALTER ROLE $OWNER_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_pw';
ALTER ROLE $APP_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
SELECT 'CREATE DATABASE $DB_NAME OWNER $OWNER_ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB_NAME') \\gexec
ALTER DATABASE $DB_NAME OWNER TO $OWNER_ROLE;
SQL
# A .data/ from before the two roles: the old single role (servicerecovery) owned everything; hand it to the owner.
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'servicerecovery'")" = 1 ]; then
  echo "==> Moving the database from the old single role to $OWNER_ROLE"
  PSQL_DB=$DB_NAME psql_admin -c "REASSIGN OWNED BY servicerecovery TO $OWNER_ROLE" -c "DROP OWNED BY servicerecovery"
  psql_admin -c "DROP ROLE servicerecovery"
fi

echo "==> Building"
dotnet build src/ServiceRecovery.Web -c Debug -nologo -v q -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$APP_ROLE;Password=$SR_DB_APP_PASSWORD"
export ConnectionStrings__Migrations="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$OWNER_ROLE;Password=$SR_DB_OWNER_PASSWORD"
export DataProtection__CertificatePath="$DATA_DIR/keys/dataprotection.pfx"
export DataProtection__CertificatePassword="$SR_DP_CERT_PASSWORD"
export DataProtection__CreateCertificateIfMissing=true
echo "==> Database roles: $OWNER_ROLE (owner, migrations only) and $APP_ROLE (the app: rows only, history append-only)"
echo "    passwords in .data/secrets.env; the key ring is encrypted with .data/keys/dataprotection.pfx"
echo "==> Starting ServiceRecovery on $HTTP_URL (migrations and demo data are applied at start; Ctrl-C stops)"
cd src/ServiceRecovery.Web
dotnet bin/Debug/net10.0/ServiceRecovery.Web.dll --urls "$HTTP_URL" &
app_pid=$!
wait "$app_pid"
