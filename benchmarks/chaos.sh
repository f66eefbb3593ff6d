#!/usr/bin/env bash
# benchmarks/chaos.sh — a repeatable fault run (not part of ./test.sh; see benchmarks/CHAOS.md):
#   starts a throw-away PostgreSQL cluster in /tmp with durable settings (fsync, synchronous_commit, full_page_writes
#   on), builds the app (Release) and serves it in Development with the demo data; CHAOS_CLIENTS people
#   (benchmarks/Chaos, a small .NET client) sign in as demo users and log complaints, then apologize, listen and fix,
#   through the real pages (form posts with the real antiforgery tokens and cookies). Meanwhile PostgreSQL is
#   crash-restarted CHAOS_RESTARTS times (pg_ctl -m immediate stop, down CHAOS_DOWN s, start). After a 503 or a
#   connection error a person posts the very same form again (same fields, hidden RequestId and token), except every
#   CHAOS_ABANDON_EVERY-th 503, which they give up ("nothing was saved"). Then psql checks that every acknowledged
#   complaint and step exists exactly once, that nothing given up after a 503 was saved, and that no request id or
#   marker is duplicated. Prints a summary; exits 1 when a check fails. The app and the cluster are stopped at the
#   end, also on failure or Ctrl-C.
#
#   CHAOS_RESTARTS=N       crash-restarts of PostgreSQL (default 20)
#   CHAOS_INTERVAL=S       seconds of normal running before each crash (default 3)
#   CHAOS_DOWN=S           seconds PostgreSQL stays down each time (default 1)
#   CHAOS_CLIENTS=N        people working at the same time (default 4)
#   CHAOS_ABANDON_EVERY=N  each person gives up every N-th 503 on a post instead of retrying — the 1st, N+1st, 2N+1st...
#                          (default 3; 1 = every 503; 0 = never)
#   CHAOS_USERS=a,b,c      demo users, taken in turn (default frontline, supervisor, manager @demo.test)
#   CHAOS_HTTP_PORT=N      the app's port on 127.0.0.1 (default 5190)
#   CHAOS_PG_PORT=N        PostgreSQL's port on 127.0.0.1 (default 55990)
#   CHAOS_DRAIN=S          after the last restart, how long the last posts may still be retried (default 90)
#   CHAOS_OUT=DIR          where results go (default benchmarks/out/chaos/<run id>)
#   CHAOS_KEEP=1           keep the cluster directory in /tmp (default: deleted)
#   CHAOS_NO_BUILD=1       reuse the builds in benchmarks/out/chaos/{app,client}
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T_START=$(date +%s.%N)

RESTARTS=${CHAOS_RESTARTS:-20}
INTERVAL=${CHAOS_INTERVAL:-3}
DOWN=${CHAOS_DOWN:-1}
CLIENTS=${CHAOS_CLIENTS:-4}
ABANDON_EVERY=${CHAOS_ABANDON_EVERY:-3}
USERS=${CHAOS_USERS:-frontline@demo.test,supervisor@demo.test,manager@demo.test}
HTTP_PORT=${CHAOS_HTTP_PORT:-5190}
PG_PORT=${CHAOS_PG_PORT:-55990}
DRAIN=${CHAOS_DRAIN:-90}
RUN_ID=$(date -u +%Y%m%d%H%M%S)
BUILD_DIR=$ROOT/benchmarks/out/chaos
OUT=${CHAOS_OUT:-$BUILD_DIR/$RUN_ID}
APP_DIR=$BUILD_DIR/app
CLIENT_DIR=$BUILD_DIR/client
HTTP=http://127.0.0.1:$HTTP_PORT
PG_MAJOR=${PG_MAJOR:-15}
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
DB_NAME=servicerecovery DB_USER=servicerecovery DB_PASS=servicerecovery
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "chaos.sh: $*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "root needed for: $*" >&2; return 1; fi
}
for v in RESTARTS CLIENTS ABANDON_EVERY HTTP_PORT PG_PORT DRAIN; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "CHAOS_$v must be a whole number (got '${!v}')"
done
for v in INTERVAL DOWN; do
  [[ ${!v} =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "CHAOS_$v must be a number of seconds (got '${!v}')"
done

# ---- 1. what is needed (installed only when missing) -------------------------------------------------
need=()
[ -x "$PGBIN/initdb" ] || need+=("postgresql-$PG_MAJOR")
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi
command -v dotnet >/dev/null || die ".NET 10 SDK not found on PATH"
command -v psql >/dev/null || die "psql not found (package postgresql-client-$PG_MAJOR)"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$HTTP_PORT" || die "127.0.0.1:$HTTP_PORT is taken: set CHAOS_HTTP_PORT"
port_free "$PG_PORT" || die "127.0.0.1:$PG_PORT is taken: set CHAOS_PG_PORT"
mkdir -p "$OUT"

# ---- 2. cleanup, whatever happens ------------------------------------------------------------------------
PGRUN=()
[ "$(id -u)" -eq 0 ] && PGRUN=(runuser -u postgres --)
pg() { "${PGRUN[@]}" "$@"; }
PGDIR=""
app_pid="" client_pid=""
stop_pid() { # pid name
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$client_pid"
  stop_pid "$app_pid"
  if [ -n "$PGDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
    pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$PGDIR" ] && [ -d "$PGDIR" ]; then
    cp -f "$PGDIR/server.log" "$OUT/postgres.log" 2>/dev/null || true
    if [ "${CHAOS_KEEP:-0}" = 1 ]; then log "cluster kept in $PGDIR"; else rm -rf "$PGDIR"; fi
  fi
  [ $rc -eq 0 ] || echo "chaos.sh: stopped (exit $rc); logs in ${OUT#"$ROOT"/}" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 3. PostgreSQL: a throw-away cluster in /tmp, durable settings -------------------------------------
PGDIR=$(mktemp -d /tmp/sr-chaos-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDIR"
chmod 755 "$PGDIR"
log "PostgreSQL $PG_MAJOR cluster in $PGDIR (port $PG_PORT)"
printf 'postgres\n' >"$PGDIR/pw"; chmod 644 "$PGDIR/pw"
pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --pwfile="$PGDIR/pw" --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log"; exit 1; }
# Durable: the defaults, spelled out so that nobody "speeds this up" by accident.
cat >>"$PGDIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGDIR'
max_connections = 200
fsync = on
synchronous_commit = on
full_page_writes = on
CONF
pg_start() { pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 start >/dev/null; }
pg_start || { tail -n 30 "$PGDIR/server.log"; exit 1; }
psql_admin() { pg psql -h "$PGDIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_db() { PGPASSWORD=$DB_PASS psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_admin -c "create role $DB_USER login password '$DB_PASS'"
psql_admin -c "create database $DB_NAME owner $DB_USER"
durable=$(psql_admin -c "select string_agg(name || '=' || setting, ' ' order by name) from pg_settings where name in ('fsync','synchronous_commit','full_page_writes','wal_sync_method')")
log "settings: $durable"

# ---- 4. build the app and the client ------------------------------------------------------------------------
if [ "${CHAOS_NO_BUILD:-0}" = 1 ] && [ -f "$APP_DIR/ServiceRecovery.Web.dll" ] && [ -f "$CLIENT_DIR/ServiceRecovery.Chaos.dll" ]; then
  log "reusing the builds in ${BUILD_DIR#"$ROOT"/}"
else
  log "building the app (Release) into ${APP_DIR#"$ROOT"/}"
  dotnet build src/ServiceRecovery.Web -c Release -o "$APP_DIR" -nologo -v q -clp:ErrorsOnly
  log "building the client (benchmarks/Chaos, Release) into ${CLIENT_DIR#"$ROOT"/}"
  dotnet build benchmarks/Chaos -c Release -o "$CLIENT_DIR" -nologo -v q -clp:ErrorsOnly
fi

# ---- 5. the app: Development, demo data, migrations at start ------------------------------------------------
log "starting the app on $HTTP (Development, demo data)"
(cd "$APP_DIR" && exec env ASPNETCORE_ENVIRONMENT=Development Database__SeedDemoData=true \
  ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASS" \
  dotnet ServiceRecovery.Web.dll --migrate --urls "$HTTP") >"$OUT/app.log" 2>&1 &
app_pid=$!
ready=0
for _ in $(seq 1 240); do
  kill -0 "$app_pid" 2>/dev/null || { tail -n 40 "$OUT/app.log"; die "the app exited at start"; }
  if curl -fs -o /dev/null "$HTTP/health/ready"; then ready=1; break; fi
  sleep 0.5
done
[ $ready = 1 ] || { tail -n 40 "$OUT/app.log"; die "the app did not become ready in 120 s"; }
cases_before=$(psql_db -c "select count(*) from recovery_cases")
log "app ready ($cases_before demo cases)"

# ---- 6. the people, and the crashes ------------------------------------------------------------------------
STOP_FILE=$OUT/stop
rm -f "$STOP_FILE"
(exec dotnet "$CLIENT_DIR/ServiceRecovery.Chaos.dll" --base-url "$HTTP" --out "$OUT" --run-id "$RUN_ID" \
  --stop-file "$STOP_FILE" --clients "$CLIENTS" --users "$USERS" --abandon-every "$ABANDON_EVERY" \
  --drain-seconds "$DRAIN" --max-seconds 1200) >"$OUT/client.log" 2>&1 &
client_pid=$!
sleep 3 # signed in and working before the first crash
kill -0 "$client_pid" 2>/dev/null || { cat "$OUT/client.log"; die "the client stopped at once"; }

restarts_done=0
down_total=0
: >"$OUT/restarts.log"
log "crash-restarting PostgreSQL $RESTARTS times (every ${INTERVAL}s, down ${DOWN}s)"
for i in $(seq 1 "$RESTARTS"); do
  sleep "$INTERVAL"
  kill -0 "$client_pid" 2>/dev/null || die "the client stopped during the restarts (see ${OUT#"$ROOT"/}/client.log)"
  t0=$(date +%s.%N)
  pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w -t 30 stop >/dev/null || die "pg_ctl stop failed at restart $i"
  t_down=$(date -u +%H:%M:%S.%3N)
  sleep "$DOWN"
  pg_start || { tail -n 30 "$PGDIR/server.log"; die "PostgreSQL did not come back at restart $i"; }
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  down_total=$(awk -v a="$down_total" -v b="$secs" 'BEGIN { printf "%.2f", a + b }')
  restarts_done=$i
  printf '%s\t%s\tdown %ss\n' "$i" "$t_down" "$secs" >>"$OUT/restarts.log"
  printf '    restart %2d at %s UTC: down %ss; %s\n' "$i" "$t_down" "$secs" "$(tail -n 1 "$OUT/client.log" | sed 's/^ *//')"
done

log "restarts done; letting the people finish what they were posting (up to ${DRAIN}s)"
sleep 2
touch "$STOP_FILE"
for _ in $(seq 1 $(( (DRAIN + 30) * 5 ))); do kill -0 "$client_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$client_pid" 2>/dev/null; then
  echo "chaos.sh: the client did not finish within the drain time; stopping it" >&2
  stop_pid "$client_pid"
fi
client_rc=0
wait "$client_pid" 2>/dev/null || client_rc=$?
client_pid=""
tail -n 1 "$OUT/client.log"
[ -f "$OUT/stats.txt" ] || { cat "$OUT/client.log"; die "the client wrote no stats (exit $client_rc)"; }

# ---- 7. the checks --------------------------------------------------------------------------------------------
log "checking the database"
cat >"$OUT/checks.sql" <<SQL
\set ON_ERROR_STOP 1
create temp table ack_c (marker text, request_id uuid, reference text, client int, attempts int, first_503 timestamptz);
create temp table ack_s (reference text, kind text, request_id uuid, marker text, client int, attempts int, first_503 timestamptz);
create temp table aband (kind text, marker text, request_id uuid, reference text, client int, first_503 timestamptz);
create temp table unres (kind text, marker text, request_id uuid, reference text, client int, why text);
\copy ack_c from '$OUT/complaints.tsv'
\copy ack_s from '$OUT/steps.tsv'
\copy aband from '$OUT/abandoned.tsv'
\copy unres from '$OUT/unresolved.tsv'
-- How many rows carry a marker, by kind of post: the case (complaint text) or the step's own row.
create function pg_temp.rows_with(p_kind text, p_marker text) returns bigint language sql stable as \$\$
  select case p_kind
    when 'complaint' then (select count(*) from recovery_cases x where strpos(x.what_happened, '[' || p_marker || ']') > 0)
    when 'case.apologized' then (select count(*) from case_apologies x where strpos(x.words, '[' || p_marker || ']') > 0)
    when 'case.listened' then (select count(*) from case_listening_notes x where strpos(x.customer_feels, '[' || p_marker || ']') > 0)
    when 'case.fixed' then (select count(*) from case_fixes x where strpos(x.what_was_done, '[' || p_marker || ']') > 0)
  end
\$\$;
create temp table chk_c as
select a.*, pg_temp.rows_with('complaint', a.marker) as nrows,
  (select count(*) from recovery_cases r where strpos(r.what_happened, '[' || a.marker || ']') > 0 and r.reference = a.reference) as rows_at_ref,
  (select count(*) from case_timeline t where t.request_id = a.request_id) as entries,
  (select count(*) from case_timeline t join recovery_cases r on r.id = t.case_id
     where t.request_id = a.request_id and r.reference = a.reference and t.kind = 'case.logged') as entries_ok
from ack_c a;
create temp table chk_s as
select s.*, pg_temp.rows_with(s.kind, s.marker) as nrows,
  (select count(*) from case_timeline t where t.request_id = s.request_id) as entries,
  (select count(*) from case_timeline t join recovery_cases r on r.id = t.case_id
     where t.request_id = s.request_id and r.reference = s.reference and t.kind = s.kind) as entries_ok
from ack_s s;
create temp table chk_a as
select a.*, pg_temp.rows_with(a.kind, a.marker) as nrows,
  (select count(*) from case_timeline t where t.request_id = a.request_id) as entries,
  (select min(t.at) from case_timeline t where t.request_id = a.request_id) as saved_at
from aband a;
-- A 503 that said "nothing was saved" although that very request had saved it: the write is older than the 503.
-- (The person pressed again and was told it was already recorded, or gave up: then it is also "wrongly saved".)
create temp table false_503 as
select x.kind, x.marker, x.request_id, x.first_503, t.at as saved_at
from (select 'complaint' as kind, marker, request_id, first_503 from ack_c
      union all select kind, marker, request_id, first_503 from ack_s
      union all select kind, marker, request_id, first_503 from aband) x
join case_timeline t on t.request_id = x.request_id
where x.first_503 is not null and t.at < x.first_503;
create temp table chk_u as
select u.*, pg_temp.rows_with(u.kind, u.marker) as nrows,
  (select count(*) from case_timeline t where t.request_id = u.request_id) as entries
from unres u;
-- Duplicates anywhere in this run: a request id on more than one timeline entry, a marker on more than one row.
create temp table dups as
select 'request id ' || request_id::text as what, count(*) as n from case_timeline
  where request_id is not null group by request_id having count(*) > 1
union all
select 'complaint ' || m[1], count(*) from recovery_cases, regexp_matches(what_happened, '\[(chaos-$RUN_ID-[^]]+)\]', 'g') as m
  group by m[1] having count(*) > 1
union all
select 'apology ' || m[1], count(*) from case_apologies, regexp_matches(words, '\[(chaos-$RUN_ID-[^]]+)\]', 'g') as m
  group by m[1] having count(*) > 1
union all
select 'listening note ' || m[1], count(*) from case_listening_notes, regexp_matches(customer_feels, '\[(chaos-$RUN_ID-[^]]+)\]', 'g') as m
  group by m[1] having count(*) > 1
union all
select 'fix ' || m[1], count(*) from case_fixes, regexp_matches(what_was_done, '\[(chaos-$RUN_ID-[^]]+)\]', 'g') as m
  group by m[1] having count(*) > 1;
select 'db_complaints_acknowledged=' || count(*) from chk_c;
select 'db_steps_acknowledged=' || count(*) from chk_s;
select 'db_abandoned=' || count(*) from chk_a;
select 'db_unresolved=' || count(*) from chk_u;
select 'lost=' || ((select count(*) from chk_c where nrows = 0 or entries = 0) + (select count(*) from chk_s where nrows = 0 or entries = 0));
select 'duplicates=' || count(*) from dups;
select 'mismatched=' || ((select count(*) from chk_c where nrows = 1 and entries = 1 and (rows_at_ref <> 1 or entries_ok <> 1))
  + (select count(*) from chk_s where nrows = 1 and entries = 1 and entries_ok <> 1));
select 'wrongly_saved=' || count(*) from chk_a where nrows > 0 or entries > 0;
select 'false_503=' || count(*) from false_503;
select 'unresolved_saved=' || count(*) from chk_u where nrows > 0 or entries > 0;
select 'run_cases=' || count(*) from recovery_cases where strpos(what_happened, '[chaos-$RUN_ID-') > 0;
select 'detail: LOST ' || kind || ' ' || marker || ' ' || reference || ' rows=' || nrows || ' entries=' || entries
  from (select 'complaint' as kind, marker, reference, nrows, entries from chk_c union all select kind, marker, reference, nrows, entries from chk_s) x
  where nrows = 0 or entries = 0;
select 'detail: DUPLICATE ' || what || ' x' || n from dups;
select 'detail: MISMATCH complaint ' || marker || ' acknowledged as ' || reference || ' rows_at_ref=' || rows_at_ref || ' entries_ok=' || entries_ok
  from chk_c where nrows = 1 and entries = 1 and (rows_at_ref <> 1 or entries_ok <> 1);
select 'detail: MISMATCH ' || kind || ' ' || marker || ' on ' || reference || ' entries_ok=' || entries_ok
  from chk_s where nrows = 1 and entries = 1 and entries_ok <> 1;
select 'detail: WRONGLY SAVED (given up after a 503 saying nothing was saved) ' || kind || ' ' || marker || ' ' || request_id
    || ' rows=' || nrows || ' entries=' || entries || ' saved at ' || to_char(saved_at at time zone 'UTC', 'HH24:MI:SS.MS')
    || ' UTC, first 503 at ' || to_char(first_503 at time zone 'UTC', 'HH24:MI:SS.MS') || ' UTC'
  from chk_a where nrows > 0 or entries > 0;
select 'detail: FALSE 503 (the request that answered "nothing was saved" had saved it) ' || kind || ' ' || marker
    || ' saved at ' || to_char(saved_at at time zone 'UTC', 'HH24:MI:SS.MS') || ' UTC, 503 at ' || to_char(first_503 at time zone 'UTC', 'HH24:MI:SS.MS') || ' UTC'
  from false_503;
select 'detail: unresolved ' || kind || ' ' || marker || ' (' || why || ') saved=' || (nrows > 0 or entries > 0) from chk_u;
SQL
psql_db -f "$OUT/checks.sql" >"$OUT/checks.out" 2>&1 || { cat "$OUT/checks.out"; die "the checks failed to run"; }
ord() { case $1 in *1[123]) echo "${1}th" ;; *1) echo "${1}st" ;; *2) echo "${1}nd" ;; *3) echo "${1}rd" ;; *) echo "${1}th" ;; esac; }
val() { sed -n "s/^$1=//p" "$OUT/checks.out" | head -1; }
cstat() { local v; v=$(sed -n "s/^$1=//p" "$OUT/stats.txt" | head -1); echo "${v:-0}"; }

# ---- 8. stop, summarize -------------------------------------------------------------------------------------------
stop_pid "$app_pid"; app_pid=""
pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
T_END=$(date +%s.%N)
total=$(awk -v a="$T_START" -v b="$T_END" 'BEGIN { printf "%.0f", b - a }')
app_unavailable=$(grep -c 'Database unavailable while serving request' "$OUT/app.log" || true)
app_503=$(grep -c 'responded 503 ' "$OUT/app.log" || true)
app_500=$(grep -c 'responded 500 ' "$OUT/app.log" || true)
crash_recoveries=$(grep -c 'automatic recovery in progress' "$PGDIR/server.log" 2>/dev/null || true)
# Why the app answered 503 (the base exception of each "database unavailable" warning), and how many of them came from a
# commit on a connection that had already broken (ObjectDisposedException: NpgsqlTransaction), which the retrying
# execution strategy does not retry.
sed -n 's/.*Database unavailable while serving request [^ ]* //p' "$OUT/app.log" | sort | uniq -c | sort -rn >"$OUT/app-503-reasons.txt"
commit_on_broken=$(awk '/ExceptionHandlerMiddleware: An unhandled exception/ { getline n; if (n ~ /^System.ObjectDisposedException: NpgsqlTransaction/) c++ } END { print c + 0 }' "$OUT/app.log")

lost=$(val lost) dups=$(val duplicates) wrong=$(val wrongly_saved) mism=$(val mismatched) false503=$(val false_503)
anomalies=$(cstat anomalies) complaints=$(cstat complaints_acknowledged) steps=$(cstat steps_acknowledged)
fail=()
[ "$lost" = 0 ] || fail+=("lost acknowledged writes: $lost")
[ "$dups" = 0 ] || fail+=("duplicates: $dups")
[ "$wrong" = 0 ] || fail+=("saved although the page said nothing was saved, and the person gave up: $wrong")
[ "$false503" = 0 ] || fail+=("503 pages saying nothing was saved for a request that had saved: $false503")
[ "$mism" = 0 ] || fail+=("acknowledged under another reference/kind: $mism")
[ "$anomalies" = 0 ] || fail+=("unexpected answers from the app (500, 400, a refused form...): $anomalies — see anomalies.log")
[ "$restarts_done" = "$RESTARTS" ] || fail+=("restarts done: $restarts_done of $RESTARTS")
[ "$complaints" -gt 0 ] || fail+=("no complaint was acknowledged at all")
[ "$(val db_complaints_acknowledged)" = "$complaints" ] || fail+=("complaints.tsv has $(val db_complaints_acknowledged) rows, the client counted $complaints")

{
  printf 'Fault run %s — %s UTC on %s (%s vCPU, %s)\n' "$RUN_ID" "$(date -u '+%Y-%m-%d %H:%M')" "$(hostname)" "$(nproc)" "$(. /etc/os-release && echo "$PRETTY_NAME")"
  printf '  PostgreSQL: %s; restarts %s/%s (every %ss, down %ss each, %ss down in all, %s crash recoveries in its log)\n' \
    "$durable" "$restarts_done" "$RESTARTS" "$INTERVAL" "$DOWN" "$down_total" "$crash_recoveries"
  if [ "$ABANDON_EVERY" = 0 ]; then giving_up="never gives up after a 503"; else
    giving_up="gives up the $(ord 1), $(ord $((ABANDON_EVERY + 1))), $(ord $((2 * ABANDON_EVERY + 1)))... 503 they get on a post"; fi
  printf '  people: %s (%s); each %s\n' "$CLIENTS" "$USERS" "$giving_up"
  printf '  complaints acknowledged   %s\n' "$complaints"
  printf '  steps acknowledged        %s (apologize %s, listen %s, fix %s)\n' "$steps" "$(cstat steps_acknowledged_apologize)" "$(cstat steps_acknowledged_listen)" "$(cstat steps_acknowledged_fix)"
  printf '  posts                     %s (GETs %s); %s posts acknowledged after > 1 s (an outage ridden out inside the app)\n' "$(cstat posts)" "$(cstat gets)" "$(cstat posts_acknowledged_slow)"
  printf '  503s seen                 %s on posts, %s on page loads\n' "$(cstat post_503)" "$(cstat get_503)"
  printf '  503s "cannot tell"        %s (the COMMIT'"'"'s answer lost: pressed again, never given up)\n' "$(cstat post_503_outcome_unknown)"
  printf '  retries (same form)       %s (after a 503 %s, a connection error %s, another 5xx %s, a sign-out %s)\n' "$(cstat retries)" \
    "$(cstat retries_after_503)" "$(cstat retries_after_connection_error)" "$(cstat retries_after_5xx)" "$(cstat retries_after_sign_out)"
  printf '  connection errors         %s on posts, %s on page loads\n' "$(cstat post_connection_errors)" "$(cstat get_connection_errors)"
  printf '  abandoned posts           %s (complaints %s, steps %s)\n' "$(cstat abandoned)" "$(cstat abandoned_complaints)" "$(cstat abandoned_steps)"
  printf '  duplicates found          %s\n' "$dups"
  printf '  lost                      %s\n' "$lost"
  printf '  wrongly saved             %s (given up after a 503, yet saved)\n' "$wrong"
  printf '  false 503s                %s (the 503 said nothing was saved; the write is older than the 503)\n' "$false503"
  printf '  mismatched                %s\n' "$mism"
  printf '  unexpected answers        %s (%s); unresolved posts %s (saved anyway: %s); signed out %s\n' "$anomalies" \
    "$(grep '^anomaly_' "$OUT/stats.txt" | tr '\n' ' ' | sed 's/ $//' | grep . || echo none)" "$(val db_unresolved)" "$(val unresolved_saved)" "$(cstat signed_out)"
  printf '  app log                   %s responses 503, %s responses 500; %s "database unavailable" warnings, %s of them a commit on an already broken connection (not retried)\n' \
    "$app_503" "$app_500" "$app_unavailable" "$commit_on_broken"
  sed 's/^ */      /' "$OUT/app-503-reasons.txt" | head -8
  printf '  restarts done             %s\n' "$restarts_done"
  printf '  total time                %ss (client %ss)\n' "$total" "$(cstat client_seconds)"
  grep '^detail: ' "$OUT/checks.out" | sed 's/^detail: /    /' | head -40 || true
  if [ ${#fail[@]} -eq 0 ]; then
    echo "  RESULT: PASS — every acknowledged write is there exactly once, nothing given up after a 503 was saved"
  else
    echo "  RESULT: FAIL"
    printf '    - %s\n' "${fail[@]}"
  fi
  echo "  details: ${OUT#"$ROOT"/}/ (events.log, anomalies.log, app.log, postgres.log, checks.out; CHAOS_KEEP=1 keeps the database)"
} | tee "$OUT/summary.txt"
[ ${#fail[@]} -eq 0 ]
