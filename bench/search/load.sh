#!/usr/bin/env bash
# Search at scale: N generated articles (default 100,000, import format, ../gen_corpus.py),
# full reindex time, and server-side latency of GET /api/v1/search and /tim-kiem at CONNS
# concurrent clients (wrk, loopback, DURATION each), median of RUNS runs.
#
# Three latencies per request, each reported as p50/p99 (median of the runs):
#   handler  the time the search handler spent making the answer (its Server-Timing
#            header, collected by queries.lua): the server's own work;
#   access   what the access log records (request read to last byte written): the handler
#            plus the wait for a worker thread to run the write's completion;
#   wrk      what the client sees (adds the wait in the socket for a worker thread).
# The page cache is off (PAGE_CACHE_MB=0) so every request searches. Reindex reports wall
# time and peak RSS. Prints Markdown rows for bench/RESULTS.md.
#
# Environment: CONGTIN (binary, default build/src/cli/congtin), WORK (/tmp/congtin-bench),
# N (100000), RUNS (3), DURATION (15s), CONNS (16), THREADS (wrk threads, 2),
# SERVER_THREADS (2), PORT (18420), REINDEX (1; 0 skips the reindex runs), PAGE_CACHE_MB (0),
# WARMUP (10s of the same load, not measured, after each start).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CONGTIN=${CONGTIN:-$ROOT/build/src/cli/congtin}
WORK=${WORK:-/tmp/congtin-bench}
N=${N:-100000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-2}
PORT=${PORT:-18420}
SITE=$WORK/search-$N
mkdir -p "$WORK"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [[ ! -f $SITE/congtin.db ]]; then
  echo "building $SITE ($N articles)…" >&2
  python3 "$ROOT/bench/gen_corpus.py" "$N" "$WORK/search-$N.jsonl" 2026
  "$CONGTIN" init --data "$SITE" >/dev/null
  "$CONGTIN" import --data "$SITE" "$WORK/search-$N.jsonl" >/dev/null
fi

# Full reindex, wall clock (REINDEX=0 skips it).
times=(); rss=()
for r in $(seq "$([[ ${REINDEX:-1} == 0 ]] && echo 0 || echo "$RUNS")"); do
  read -r t m <<<"$(/usr/bin/time -f '%e %M' "$CONGTIN" reindex --data "$SITE" 2>&1 >/dev/null | tail -1)"
  times+=("$t"); rss+=("$((m / 1024))")
done
if (( ${#times[@]} )); then
  echo "| full reindex, $N articles | ${times[*]} s, peak RSS ${rss[*]} MiB | **$(printf '%s\n' "${times[@]}" | median) s**, $(printf '%s\n' "${rss[@]}" | median) MiB |"
fi

SERVER_PID=
stop_server() { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
trap stop_server EXIT

cd "$HERE"
for kind in api page; do
  python3 "$HERE/make_queries.py" "$kind" > "$WORK/search-queries-$kind.txt"
  p50s=(); p99s=(); rps=(); h50s=(); h99s=(); w50s=(); w99s=()
  for r in $(seq "$RUNS"); do
    log=$WORK/search-access-$kind-$r.log
    CONGTIN_PAGE_CACHE_MB=${PAGE_CACHE_MB:-0} CONGTIN_ACCESS_LOG=true "$CONGTIN" serve --data "$SITE" \
      --listen "127.0.0.1:$PORT" --threads "$SERVER_THREADS" > "$log" 2> "$log.err" &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
    # Steady state: the server builds its in-memory word sets in the background after start
    # (FTS5 alone answers meanwhile; the server logs when they are ready), and the first
    # queries read the database from disk.
    for _ in $(seq 600); do grep -q "word sets" "$log.err" && break; sleep 0.1; done
    grep -h "word sets" "$log.err" >&2 || echo "  (no word sets after 60 s)" >&2
    QUERIES="$WORK/search-queries-$kind.txt" wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" \
      -s "$HERE/queries.lua" "http://127.0.0.1:$PORT" >/dev/null
    : > "$log"  # drop the health checks and the warm-up
    out=$(QUERIES="$WORK/search-queries-$kind.txt" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" \
            -s "$HERE/queries.lua" "http://127.0.0.1:$PORT")
    rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
    stop_server
    rps+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    read -r p50 p99 n <<<"$(grep -aoE '" 200 [0-9]+ [0-9]+us' "$log" | awk '{print $4}' | tr -d 'us' |
      sort -n | awk '{a[NR]=$1} END {print a[int(NR*0.5)], a[int(NR*0.99)], NR}')"
    read -r _ hn h50 h99 <<<"$(echo "$out" | grep '^handler:')"
    read -r _ w50 w99 <<<"$(echo "$out" | grep '^wrk:')"
    p50s+=("$p50"); p99s+=("$p99"); h50s+=("$h50"); h99s+=("$h99"); w50s+=("$w50"); w99s+=("$w99")
    echo "  $kind run $r: $n requests, handler p50 ${h50} us p99 ${h99} us ($hn timed)," \
      "access log p50 ${p50} us p99 ${p99} us, wrk p50 ${w50} us p99 ${w99} us," \
      "$(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s, server RSS $((rss_kb / 1024)) MB" >&2
  done
  m() { printf '%s\n' "$@" | median; }
  echo "| $kind, $CONNS clients | handler p50 $(m "${h50s[@]}") µs, p99 $(m "${h99s[@]}") µs;" \
    "access log p50 $(m "${p50s[@]}") µs, p99 $(m "${p99s[@]}") µs;" \
    "wrk p50 $(m "${w50s[@]}") µs, p99 $(m "${w99s[@]}") µs | $(m "${rps[@]}") req/s |"
done
