#!/usr/bin/env bash
# Search at scale: N generated articles (default 100,000, import format, ../gen_corpus.py),
# full reindex time, and server-side latency of GET /api/v1/search and /tim-kiem at CONNS
# concurrent clients (wrk, loopback, DURATION each), median of RUNS runs.
#
# Server-side latency is what the server's access log records for each search request
# (from the first byte read to the last byte written); the page cache is off so every
# request searches. Prints Markdown rows for bench/RESULTS.md.
#
# Environment: CONGTIN (binary, default build/src/cli/congtin), WORK (/tmp/congtin-bench),
# N (100000), RUNS (3), DURATION (15s), CONNS (16), THREADS (wrk threads, 2),
# SERVER_THREADS (2), PORT (18420), REINDEX (1; 0 skips the reindex runs).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CONGTIN=${CONGTIN:-$ROOT/build/src/cli/congtin}
WORK=${WORK:-/tmp/congtin-bench}
N=${N:-100000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
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
times=()
for r in $(seq "$([[ ${REINDEX:-1} == 0 ]] && echo 0 || echo "$RUNS")"); do
  start=$(date +%s.%N)
  "$CONGTIN" reindex --data "$SITE" >/dev/null 2>&1
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
if (( ${#times[@]} )); then
  echo "| full reindex, $N articles | ${times[*]} s | **$(printf '%s\n' "${times[@]}" | median) s** |"
fi

SERVER_PID=
stop_server() { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
trap stop_server EXIT

cd "$HERE"
for kind in api page; do
  python3 "$HERE/make_queries.py" "$kind" > "$WORK/search-queries-$kind.txt"
  p50s=(); p99s=(); rps=()
  for r in $(seq "$RUNS"); do
    log=$WORK/search-access-$kind-$r.log
    CONGTIN_PAGE_CACHE_MB=0 CONGTIN_ACCESS_LOG=true "$CONGTIN" serve --data "$SITE" \
      --listen "127.0.0.1:$PORT" --threads "$SERVER_THREADS" > "$log" 2>/dev/null &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
    : > "$log"  # drop the health checks
    out=$(QUERIES="$WORK/search-queries-$kind.txt" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" \
            -s "$HERE/queries.lua" "http://127.0.0.1:$PORT")
    stop_server
    rps+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    read -r p50 p99 n <<<"$(grep -aoE '" 200 [0-9]+ [0-9]+us' "$log" | awk '{print $4}' | tr -d 'us' |
      sort -n | awk '{a[NR]=$1} END {print a[int(NR*0.5)], a[int(NR*0.99)], NR}')"
    p50s+=("$p50"); p99s+=("$p99")
    echo "  $kind run $r: $n requests, p50 ${p50} us, p99 ${p99} us, $(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s" >&2
  done
  echo "| $kind, $CONNS clients | p50 $(printf '%s\n' "${p50s[@]}" | median) µs, p99 $(printf '%s\n' "${p99s[@]}" | median) µs | $(printf '%s\n' "${rps[@]}" | median) req/s |"
done
