# benchmarks/write-path.sh — the write path of benchmarks/run.sh, sourced by it after the app is up and signed in (as
# supervisor@demo.test); not run on its own. Scenarios:
#   (g)  log a complaint through the real form: POST /cases/new with the form's antiforgery token and a new request id
#        (and customer) every post — wrk with benchmarks/wrk/form-post.lua, closed loop, BENCH_CONNECTIONS connections
#   (g') the raw-Npgsql baseline of the same create (/bench/create-raw, benchmark build only), same body, same run
#   (h)  record an apology on existing cases: POST /cases/<ref>/apologize, each to a different case that is in stage
#        Logged (picked at random from the database, with its concurrency version and timeline sequence), each once
#   (i)  creates at a fixed BENCH_WRITE_RATE (default 300/s), open loop (benchmarks/Load)
#   (m)  mixed, at a fixed BENCH_MIXED_RATE (default 500/s), open loop: 40 % queue, 40 % case page, 10 % creates,
#        10 % apologies
# and what limits them: one form post and one apology with auto_explain (EXPLAIN ANALYZE, BUFFERS of every statement)
# and log_statement on, the WAL bytes, WAL flushes and full-page images per write, and where PostgreSQL's client backends
# spend their time under load (pg_stat_activity sampled every 100 ms: on CPU, WAL flush, lock, idle in transaction).
# Writes $WRITE_MD (the report's "Write path" section) and defines splice_write_report.
WRITE_RATE=${BENCH_WRITE_RATE:-300}
MIXED_RATE=${BENCH_MIXED_RATE:-500}
LOAD_DIR=$OUT/load
LUA=$ROOT/benchmarks/wrk/form-post.lua
declare -A WSTATUS WUNEXPECTED WP50 WP90 WP99 WALB WALSYNC WALFPI WAITS WCASES

log "Building the load client (benchmarks/Load, Release) into ${LOAD_DIR#"$ROOT"/}"
dotnet build "$ROOT/benchmarks/Load" -c Release -o "$LOAD_DIR" -nologo -v q -clp:ErrorsOnly

urlencode() { # the form encoding of $1 (bytes other than [A-Za-z0-9._~-] as %XX, space as +)
  local LC_ALL=C s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [A-Za-z0-9._~-]) out+=$c ;; ' ') out+=+ ;; *) out+=$(printf '%%%02X' "'$c") ;; esac
  done
  printf '%s' "$out"
}
form_token() { get "$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
# Antiforgery tokens are per user and cookie, not per form: one token from the form serves every post of this session.
FORM_TOKEN=$(urlencode "$(form_token /cases/new)")
[ -n "$FORM_TOKEN" ] || { echo "no antiforgery token on /cases/new" >&2; exit 1; }
category=$(psql_db -c "select name from case_categories where is_active order by sort_order limit 1")
CREATE_BODY="__RequestVerificationToken=$FORM_TOKEN&Data.CustomerId=&Data.CustomerTier=Standard&Data.CustomerEmail=guest%40example.invalid"
CREATE_BODY+="&Data.CustomerPhone=&Data.Channel=Phone&Data.Category=$(urlencode "$category")&Data.Severity=Moderate"
CREATE_BODY+="&Data.WhatHappened=$(urlencode "Our room was not ready when we arrived after a long journey, and nobody told us why.")"
CREATE_BODY+="&Data.CustomerExpected=&Data.CustomerWants=$(urlencode "A ready room, and to be told what is going on.")&Data.TransactionValue=&Data.AssignToMe=true"
STEP_BODY="__RequestVerificationToken=$FORM_TOKEN&Data.Words=$(urlencode "I'm so sorry your room wasn't ready. That's got to be so frustrating after a long journey.")"
new_run_id() { od -An -N4 -tx1 /dev/urandom | tr -d ' \n'; }
# N cases an apology can be recorded on, at random: "reference version seen-sequence" lines into FILE.
step_cases() {
  psql_db -F ' ' -c "select reference, xmin, last_timeline_sequence from recovery_cases
    where stage = 'Logged' and waiting_since is null order by random() limit $1" >"$2"
}
post_one() { # path body -> HTTP status
  curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$2" "$HTTP$1"
}

# ---- what one create and one apology run: every statement (log_statement) and its plan (auto_explain) ----------------
declare -A STMTS
diag_settings() { # on|off
  if [ "$1" = on ]; then
    psql_admin -c "alter system set log_statement = 'all'" -c "alter system set auto_explain.log_min_duration = 0" \
      -c "alter system set auto_explain.log_analyze = on" -c "alter system set auto_explain.log_buffers = on" -c "select pg_reload_conf()" >/dev/null
  else
    psql_admin -c "alter system reset log_statement" -c "alter system reset auto_explain.log_min_duration" \
      -c "alter system reset auto_explain.log_analyze" -c "alter system reset auto_explain.log_buffers" -c "select pg_reload_conf()" >/dev/null
  fi
  sleep 0.5 # the backends read the new settings at their next command
}
diag_settings off # also undoes a run that was stopped in between
explain_ok=$(psql_admin -c "select count(*) from pg_settings where name = 'shared_preload_libraries' and setting like '%auto_explain%'")
diagnose_post() { # name path body
  local mark status
  diag_settings on
  mark=$(wc -l <"$PGDIR/server.log")
  status=$(post_one "$2" "$3")
  diag_settings off
  [ "$status" = 302 ] || { echo "$1: the diagnostic post answered $status, not 302" >&2; exit 1; }
  # From the log: the statements (up to the COMMIT; not the settings' own statements) and the plans auto_explain wrote.
  tail -n +"$((mark + 1))" "$PGDIR/server.log" | awk '/LOG:  statement: alter system/ { exit } { print }' >"$OUT/diag-$1.log"
  STMTS[$1]=$(grep -cE 'LOG:  (statement|execute [^:]*):' "$OUT/diag-$1.log")
}
explain_note=""
[ "$explain_ok" = 1 ] || explain_note=" (no plans: this cluster was started without auto_explain — stop it and run again)"
log "One form post and one apology with every statement logged and explained"
diagnose_post create /cases/new "$CREATE_BODY&Data.CustomerName=Diagnostic+Guest&Data.RequestId=$(new_run_id)-0000-4000-8000-000000000001"
step_cases 1 "$OUT/cases-diag.txt"
read -r d_ref d_ver d_seq <"$OUT/cases-diag.txt"
diagnose_post apologize "/cases/$d_ref/apologize" "$STEP_BODY&Data.Version=$d_ver&Data.SeenSequence=$d_seq&Data.RequestId=$(new_run_id)-0000-4000-8000-000000000002"

# ---- samplers: WAL and wait events ----------------------------------------------------------------------------------
wal_stats() { psql_db -F ' ' -c "select pg_current_wal_lsn(), wal_records, wal_fpi, wal_sync from pg_stat_wal"; }
sampler_pid=""
# Every 100 ms, one line per busy client backend of this database: its wait event ("CPU" when it waits for nothing) and
# state; one psql process for the whole run (\watch), stopped by stop_sampler.
start_sampler() {
  (exec env PGPASSWORD="$DB_PASS" psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -qtA -F ' ' >"$1" 2>/dev/null <<SQL
select coalesce(wait_event_type || ':' || wait_event, 'CPU'), replace(state, ' ', '-') from pg_stat_activity
where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle'
\watch 0.1
SQL
  ) &
  sampler_pid=$!
}
stop_sampler() { kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""; }
# The shares of the samples: running, waiting for a WAL flush (its own fsync or another backend's), for a lock, for
# other I/O or LWLocks, and "idle in transaction" (waiting for the app between the statements of a transaction).
wait_shares() {
  awk '$1 == "" { next } { n++
       if ($2 == "idle-in-transaction") k = "idle in transaction (waiting for the app)"
       else if ($1 == "CPU") k = "on CPU"
       else if ($1 ~ /^IO:WAL|^LWLock:WAL/) k = "WAL flush"
       else if ($1 ~ /^Lock:/) k = "lock (" substr($1, 6) ")"
       else k = $1
       c[k]++ }
       END { if (n == 0) { print "no busy backend sampled"; exit }
             for (k in c) printf "%s %.0f %%\n", k, 100 * c[k] / n }' "$1" | sort -t ' ' -k1,1 | paste -sd ';' | sed 's/;/; /g'
}
# Around a measured run: WAL per expected response, wait shares, CPU per request.
measure_begin() { wal0=$(wal_stats); start_sampler "$OUT/waits-$1.txt"; cpu_begin; }
measure_end() { # name expected-responses
  local wal1
  cpu_end "$1" "$2"
  stop_sampler
  wal1=$(wal_stats)
  read -r WALB[$1] WALSYNC[$1] WALFPI[$1] <<<"$(psql_db -F ' ' -c "select
    round(pg_wal_lsn_diff('$(cut -d ' ' -f 1 <<<"$wal1")', '$(cut -d ' ' -f 1 <<<"$wal0")') / greatest($2, 1)),
    round(($(cut -d ' ' -f 4 <<<"$wal1") - $(cut -d ' ' -f 4 <<<"$wal0"))::numeric / greatest($2, 1), 2),
    round(($(cut -d ' ' -f 3 <<<"$wal1") - $(cut -d ' ' -f 3 <<<"$wal0"))::numeric / greatest($2, 1), 2)")"
  WAITS[$1]=$(wait_shares "$OUT/waits-$1.txt")
}

# ---- closed loop: wrk posts (g), (g'), (h) ----------------------------------------------------------------------------
run_wrk_post() { # name url seconds [cases-file]: wrk's output
  FORM_THREADS=2 FORM_RUN=$(new_run_id) FORM_BODY=$([ -n "${4:-}" ] && echo "$STEP_BODY" || echo "$CREATE_BODY") \
    FORM_CASES=${4:-} FORM_STEP=$([ -n "${4:-}" ] && echo apologize) \
    wrk -t2 -c"$CONNECTIONS" -d"$3s" --timeout 30s --latency -s "$LUA" -H "Cookie: $COOKIE" "$HTTP$2"
}
write_scenario() { # name url [step]
  local name=$1 url=$2 step=${3:-} w cases="" warm=""
  log "Scenario $name: POST $url$([ -n "$step" ] && echo " (a different case each time)")"
  if [ -n "$step" ]; then
    # Enough cases for 1,500 posts a second, each case once; the warm-up takes its own.
    cases=$OUT/cases-$name.txt warm=$OUT/cases-$name-warm.txt
    step_cases 3000 "$warm"
    wait_db_idle
    run_wrk_post "$name" "$url" 3 "$warm" >/dev/null
    step_cases $((1500 * DURATION)) "$cases"
  else
    wait_db_idle
    run_wrk_post "$name" "$url" 3 >/dev/null
  fi
  wait_db_idle
  LOADS[$name]=$(load1)
  measure_begin "$name"
  w=$(run_wrk_post "$name" "$url" "$DURATION" "$cases")
  echo "$w" >"$OUT/wrk-$name.txt"
  local ok
  ok=$(awk '$1 == "status" && $2 == 302 { print $3 }' <<<"$w")
  measure_end "$name" "${ok:-0}"
  RPS[$name]=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' <<<"$w")
  WP50[$name]=$(awk '/^ +50% / { print $2 }' <<<"$w") WP90[$name]=$(awk '/^ +90% / { print $2 }' <<<"$w") WP99[$name]=$(awk '/^ +99% / { print $2 }' <<<"$w")
  for p in WP50 WP90 WP99; do declare -n ref=$p; ref[$name]=$(to_ms "${ref[$name]}"); unset -n ref; done
  WSTATUS[$name]=$(awk '$1 == "status" { printf "%s%s: %s", sep, $2, $3; sep = ", " }' <<<"$w")
  WUNEXPECTED[$name]=$(awk '$1 == "status" && $2 != 302 { n += $3 } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$w")
  WCASES[$name]=$(awk '$1 == "cases" { print $2 " of " $3 }' <<<"$w")
  printf '    %s req/s, p50 %s ms, p99 %s ms | %s | unexpected %s | CPU per request: app %s ms, PostgreSQL %s ms | other CPU %s %%\n' \
    "${RPS[$name]}" "${WP50[$name]}" "${WP99[$name]}" "${WSTATUS[$name]}" "${WUNEXPECTED[$name]}" "${APPCPU[$name]}" "${PGCPU[$name]}" "${OTHERCPU[$name]}"
  printf '    WAL per write %s bytes, %s flushes, %s full-page images | backends: %s\n' "${WALB[$name]}" "${WALSYNC[$name]}" "${WALFPI[$name]}" "${WAITS[$name]}"
}

# ---- open loop: the load client at a fixed rate (i), (m) --------------------------------------------------------------
declare -A EXPECT=([queue]=200 [case]=200 [create]=302 [apologize]=302)
# The case page of the mixed run: the queue's first case, as in the read path.
first_ref=$(get /queue | grep -o 'data-reference="[^"]*"' | head -1 | sed 's/.*="//; s/"$//')
run_load() { # rate seconds mix cases-file
  dotnet "$LOAD_DIR/ServiceRecovery.Load.dll" --base-url "$HTTP" --cookie "$COOKIE" --rate "$1" --seconds "$2" --mix "$3" \
    --case-page "/cases/$first_ref" --form-body "$CREATE_BODY" --step-body "$STEP_BODY" --cases "$4"
}
rate_scenario() { # name rate mix
  local name=$1 rate=$2 mix=$3 r writes
  log "Scenario $name: $rate req/s ($mix), open loop, ${DURATION}s"
  step_cases $((rate * 3 + 10)) "$OUT/cases-$name-warm.txt"
  wait_db_idle
  run_load "$rate" 3 "$mix" "$OUT/cases-$name-warm.txt" >/dev/null
  step_cases $((rate * DURATION + 10)) "$OUT/cases-$name.txt"
  wait_db_idle
  LOADS[$name]=$(load1)
  measure_begin "$name"
  r=$(run_load "$rate" "$DURATION" "$mix" "$OUT/cases-$name.txt")
  echo "$r" >"$OUT/load-$name.txt"
  writes=$(awk '/^result kind=(create|apologize) / { split($3, a, "="); n += a[2] } END { print n + 0 }' <<<"$r")
  measure_end "$name" "$writes"
  local all
  all=$(grep '^result kind=all ' <<<"$r")
  RPS[$name]=$(sed 's/.* rate=\([^ ]*\).*/\1/' <<<"$all")
  WP50[$name]=$(sed 's/.* p50=\([^ ]*\).*/\1/' <<<"$all") WP90[$name]=$(sed 's/.* p90=\([^ ]*\).*/\1/' <<<"$all") WP99[$name]=$(sed 's/.* p99=\([^ ]*\).*/\1/' <<<"$all")
  WSTATUS[$name]=$(sed 's/.* statuses=//; s/:/: /g; s/,/, /g' <<<"$all")
  # A status other than the kind's own (200 for a page, 302 after a post) is unexpected; 0 is a failed connection.
  WUNEXPECTED[$name]=$(awk -v wanted="$(for k in "${!EXPECT[@]}"; do printf '%s=%s ' "$k" "${EXPECT[$k]}"; done)" '
    BEGIN { split(wanted, e, " "); for (i in e) { split(e[i], kv, "="); want[kv[1]] = kv[2] } }
    /^result kind=/ && !/kind=all / { split($2, k, "="); s = $NF; sub(/statuses=/, "", s); n2 = split(s, parts, ",")
      for (i = 1; i <= n2; i++) { split(parts[i], sc, ":"); if (sc[1] != want[k[2]]) n += sc[2] } }
    END { print n + 0 }' <<<"$r")
  WCASES[$name]=$(tail -n 1 <<<"$r")
  printf '    %s req/s asked and sent, p50 %s ms, p90 %s ms, p99 %s ms | %s | unexpected %s | %s\n' \
    "${RPS[$name]}" "${WP50[$name]}" "${WP90[$name]}" "${WP99[$name]}" "${WSTATUS[$name]}" "${WUNEXPECTED[$name]}" "${WCASES[$name]}"
  grep '^result kind=' <<<"$r" | grep -v 'kind=all ' | sed 's/^result /      /'
}

log "Write path: waiting (up to ${QUIET_WAIT}s) for the 1-minute load average to fall below 1.0 (now $(load1))"
wait_quiet
w_load_start=$(cat /proc/loadavg)
reset_peak_memory
write_scenario create-raw /bench/create-raw
write_scenario create /cases/new
write_scenario apologize /cases/apologize step
rate_scenario fixed-create "$WRITE_RATE" create=1
rate_scenario mixed "$MIXED_RATE" queue=40,case=40,create=10,apologize=10
w_hwm_mb=$(peak_memory_mb)
w_load_end=$(cat /proc/loadavg)
# The writes leave dirty pages and WAL behind: write them out before anything else is measured.
psql_admin -c checkpoint >/dev/null

# ---- verdicts and the section ---------------------------------------------------------------------------------------
w_ratio=$(ratio "${RPS[create]}" "${RPS[create-raw]}")
w_unexpected=0
for s in create-raw create apologize fixed-create mixed; do w_unexpected=$((w_unexpected + WUNEXPECTED[$s])); done
met() { if "$@"; then echo "met"; else echo "**missed**"; fi; }
declare -A WTARGET WMET
WTARGET[create]="≥ 800/s and ≥ 0.6× raw" WMET[create]=$(met eval 'ge "${RPS[create]}" 800 && ge "$w_ratio" 0.6')
WTARGET[create-raw]="—" WMET[create-raw]="—"
WTARGET[apologize]="≥ 600/s" WMET[apologize]=$(met ge "${RPS[apologize]}" 600)
WTARGET[fixed-create]="p99 ≤ 50 ms" WMET[fixed-create]=$(met le "${WP99[fixed-create]}" 50)
WTARGET[mixed]="p99 ≤ 50 ms" WMET[mixed]=$(met le "${WP99[mixed]}" 50)
w_row() { # name label
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "${RPS[$1]}" "${WP50[$1]}" "${WP99[$1]}" "${WSTATUS[$1]}" \
    "${WTARGET[$1]}" "${WMET[$1]}" "${APPCPU[$1]}" "${PGCPU[$1]}" "${OTHERCPU[$1]}" "${LOADS[$1]}"
}
w_diag_row() { printf '| %s | %s | %s | %s | %s |\n' "$2" "${WALB[$1]}" "${WALSYNC[$1]}" "${WALFPI[$1]}" "${WAITS[$1]}"; }
gc=$(grep -o '"System.GC.Server": *[a-z]*' "$APP_DIR/ServiceRecovery.Web.runtimeconfig.json" || echo '"System.GC.Server" not set')
{
  echo "$WRITE_BEGIN"
  cat <<EOF
## Write path

Measured by \`benchmarks/run.sh\` (\`BENCH_ONLY=write\` runs only this part) on $(date -u '+%Y-%m-%d %H:%M UTC'), over
$(psql_db -c "select count(*) from recovery_cases") cases; load average before: $w_load_start; after: $w_load_end. App built with
\`-p:DefineConstants=BENCHMARK\`, runtimeconfig: \`$gc\`. Signed in as supervisor@demo.test; every post carries the
form's antiforgery token (one per session, as a browser reuses it) and a new request id.

- **(g) log a complaint**: \`POST /cases/new\`, a new customer each time, the real form (Razor Pages, validation, MediatR,
  EF Core, the unit of work); **(g') raw baseline**: \`POST /bench/create-raw\` with the same body — same antiforgery
  check, the same statements in one transaction with plain Npgsql (see
  \`src/ServiceRecovery.Web/Infrastructure/Benchmark/RawCreateBaseline.cs\`). Both \`wrk -t2 -c$CONNECTIONS -d${DURATION}s\`
  with \`benchmarks/wrk/form-post.lua\`, closed loop: latencies are at saturation.
- **(h) record an apology**: \`POST /cases/<ref>/apologize\`, each post to a different case in stage Logged picked at
  random, with its version and timeline sequence as the form has them; same wrk setup. Cases used: ${WCASES[apologize]}.
- **(i) creates at $WRITE_RATE/s** and **(m) mixed at $MIXED_RATE/s** (40 % queue, 40 % case page, 10 % creates, 10 %
  apologies): \`benchmarks/Load\`, open loop — request *i* is due at *i*/rate and its latency counts from then, so a
  backlog shows as latency (no coordinated omission). ${WCASES[mixed]}.

| Scenario | req/s | p50 ms | p99 ms | statuses | target | | app CPU ms/req | PostgreSQL CPU ms/req | other CPU % | load avg |
|---|---|---|---|---|---|---|---|---|---|---|
EOF
  w_row create-raw "(g') raw Npgsql create"
  w_row create "(g) log a complaint (form), $w_ratio× raw"
  w_row apologize "(h) record an apology"
  w_row fixed-create "(i) creates at $WRITE_RATE/s (open loop)"
  w_row mixed "(m) mixed at $MIXED_RATE/s (open loop)"
  cat <<EOF

Expected statuses: 302 after a post, 200 for a page; unexpected over all runs: **$w_unexpected** ($(met test "$w_unexpected" -eq 0)).
App peak memory during the write path: **$w_hwm_mb MB** (VmHWM, reset before the first write scenario; target ≤ 300 MB:
$(met test "$w_hwm_mb" -le 300)). CPU per request in the open-loop rows counts the writes only (the reads are in it too).

### What limits the writes

Per write (per 302): WAL bytes, WAL flushes (\`pg_stat_wal.wal_sync\`: below 1 means commits shared a flush) and
full-page images; and where PostgreSQL's busy client backends were, sampled every 100 ms during the run
(\`pg_stat_activity\`: on CPU, waiting for a WAL flush, for a lock, or "idle in transaction" — waiting for the app to send
the next statement of its transaction).

| Scenario | WAL bytes | WAL flushes | full-page images | backends |
|---|---|---|---|---|
EOF
  w_diag_row create-raw "(g') raw create"
  w_diag_row create "(g) form create"
  w_diag_row apologize "(h) apology"
  w_diag_row fixed-create "(i) creates at $WRITE_RATE/s"
  w_diag_row mixed "(m) mixed"
  cat <<EOF

Statements per write (\`log_statement = all\` during one post, BEGIN and COMMIT included): a complaint
**${STMTS[create]}**, an apology **${STMTS[apologize]}** (the raw baseline sends 6 and its BEGIN/COMMIT). The plans of one
post of each, every statement, by \`auto_explain\` (ANALYZE, BUFFERS) — the statements as the app sent them$explain_note:

<details><summary>log a complaint: statements and plans</summary>

\`\`\`
$(sed -E 's/^[0-9-]+ [0-9:.]+ UTC \[[0-9]+\] //' "$OUT/diag-create.log")
\`\`\`
</details>

<details><summary>record an apology: statements and plans</summary>

\`\`\`
$(sed -E 's/^[0-9-]+ [0-9:.]+ UTC \[[0-9]+\] //' "$OUT/diag-apologize.log")
\`\`\`
</details>
EOF
  echo "$WRITE_END"
} >"$WRITE_MD"

printf '\n==> Write path (%s cases)\n' "$(psql_db -c "select count(*) from recovery_cases")"
for s in create-raw create apologize fixed-create mixed; do
  printf '  %-13s %9s req/s  p50 %8s ms  p99 %8s ms  unexpected %s  %s\n' "$s" "${RPS[$s]}" "${WP50[$s]}" "${WP99[$s]}" "${WUNEXPECTED[$s]}" "${WMET[$s]}"
done
printf '  form/raw %s×, peak memory %s MB, statements per create %s, per apology %s\n' "$w_ratio" "$w_hwm_mb" "${STMTS[create]}" "${STMTS[apologize]}"

# The report's "Write path" section replaced by this run's (added at the end when it has none; a new report when none).
splice_write_report() {
  local doc=$1 tmp
  if [ -f "$doc" ] && grep -qxF "$WRITE_BEGIN" "$doc"; then
    tmp=$(mktemp)
    awk -v b="$WRITE_BEGIN" -v e="$WRITE_END" -v f="$WRITE_MD" '
      $0 == b { while ((getline line < f) > 0) print line; skip = 1; next }
      $0 == e { skip = 0; next } !skip { print }' "$doc" >"$tmp"
    cat "$tmp" >"$doc" && rm -f "$tmp"
  elif [ -f "$doc" ]; then
    printf '\n' >>"$doc"; cat "$WRITE_MD" >>"$doc"
  else
    { printf '# Benchmarks\n\n'; cat "$WRITE_MD"; } >"$doc"
  fi
  log "Write path written to ${doc#"$ROOT"/}"
}
