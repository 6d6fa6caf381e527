#!/usr/bin/env bash
# Article page throughput with visitor counting on vs off (issue 5: within 3 %).
# The demo site, the page cache on (as in production), access log off, --threads 2; wrk
# -t2 -c64 -d10s on loopback with bench/stats/rotate_clients.lua (a new client address per
# request through the trusted proxy 127.0.0.1, so every hit takes the counter's full path).
# On and off are measured round-robin, RUNS times each; prints each run and the medians.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
SITE=$WORK/stats-demo
if [ ! -f "$SITE/congtin.db" ]; then "$CONGTIN" init --data "$SITE" --demo >/dev/null; fi
LUA=$BENCH/stats/rotate_clients.lua

run_one() {  # MODE -> req/s
  local mode=$1 port; port=$(free_port)
  start_congtin "$SITE" "$port" CONGTIN_STATS="$mode" CONGTIN_TRUSTED_PROXIES=127.0.0.1
  local path; path=$(curl -s "http://127.0.0.1:$port/api/v1/articles?limit=1" |
    python3 -c 'import json,sys,re; print(re.search(r"/tin-tuc/[^\"]+", sys.stdin.read()).group(0))')
  wrk -t"$THREADS" -c"$CONNS" -d2s -s "$LUA" "http://127.0.0.1:$port$path" >/dev/null  # warm-up
  local out; out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$LUA" "http://127.0.0.1:$port$path")
  local rps p99; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  if [ "$mode" = on ]; then
    curl -s "http://127.0.0.1:$port/api/v1/stats/summary" >"$WORK/stats-summary.json"
  fi
  stop_pid "$CONGTIN_PID"
  echo "$rps $p99"
}

echo "# $(machine)"
declare -a ON OFF
for r in $(seq 1 "$RUNS"); do
  read -r rps p99 < <(run_one off); OFF+=("$rps"); echo "run $r off: $rps req/s p99 $p99"; sleep "$GAP"
  read -r rps p99 < <(run_one on);  ON+=("$rps");  echo "run $r on:  $rps req/s p99 $p99"; sleep "$GAP"
  echo "  summary after the on run: $(cat "$WORK/stats-summary.json")"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mon=$(median "${ON[@]}"); moff=$(median "${OFF[@]}")
echo "median off: $moff req/s; median on: $mon req/s; on/off = $(python3 -c "print(f'{$mon/$moff:.3f}')")"
