#!/bin/bash
# 10,000 idle keep-alive connections held open: other clients' p99 against the same run
# without them. Each idle connection makes one request first (so it is a keep-alive
# connection, under the idle timeout rather than the first-request timeout) and then waits.
# usage: bench/idle_connections.sh     (env: as lib.sh; IDLE=10000)
. "$(dirname "$0")/lib.sh"
IDLE=${IDLE:-10000}
ulimit -n $(( IDLE * 2 + 1000 )) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)" >&2
python3 "$BENCH/tsv_to_jsonl.py" "$PEERS/corpus/articles.tsv" "$WORK/corpus.jsonl" 2>/dev/null
make_site "$WORK/site-corpus" "$WORK/corpus.jsonl"
echo "# $IDLE idle keep-alive connections — $(machine)"
PORT=$(free_port); start_congtin "$WORK/site-corpus" "$PORT"
URL="http://127.0.0.1:$PORT/tin-tuc/${SLUG:-chuyen-doi-gia-tri-thoi-gian}"
base=$(bench_url without-idle "$URL" -H 'Accept-Encoding: gzip')
python3 "$BENCH/hold_idle.py" 127.0.0.1 "$PORT" "$IDLE" "$WORK/idle.ready" &
HOLD=$!; PIDS+=("$HOLD")
for _ in $(seq 1 600); do [ -f "$WORK/idle.ready" ] && break; sleep 0.1; done
echo "idle connections: $(cat "$WORK/idle.ready"); server RSS $(rss_mb "$CONGTIN_PID") MB" 
with=$(bench_url with-idle "$URL" -H 'Accept-Encoding: gzip')
echo "still open after the run: $(ss -Htn state established "( sport = :$PORT )" | wc -l) server-side connections"
rm -f "$WORK/idle.ready"
read -r _ r0 p0 runs0 <<<"$base"; read -r _ r1 p1 runs1 <<<"$with"
echo "| case | req/s (median of $RUNS) | p99 ms (median) | runs |"
echo "|---|---:|---:|---|"
echo "| without idle | $r0 | $p0 | $runs0 |"
echo "| with $IDLE idle | $r1 | $p1 | $runs1 |"
echo "p99 with / without: $(ratio "$p1" "$p0")× (target ≤ 2×)"
