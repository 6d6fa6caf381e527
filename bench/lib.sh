# Shared helpers of the bench/ scripts (sourced). Everything runs on 127.0.0.1 and stops
# itself: every process a script starts is recorded and killed by pid on exit.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
CONGTIN=${CONGTIN:-$BUILD/src/cli/congtin}
WORK=${WORK:-/tmp/congtin-bench}
PEERS=${PEERS:-$ROOT/../shared/peers}
THREADS=${THREADS:-2}   # wrk threads
CONNS=${CONNS:-64}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-3}
GAP=${GAP:-2}
SERVER_THREADS=${SERVER_THREADS:-2}
mkdir -p "$WORK"
[ -x "$CONGTIN" ] || { echo "no $CONGTIN: build first (ninja -C $BUILD congtin) or set CONGTIN" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 1; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# machine line for RESULTS.md
machine() {
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(uname -srm); nproc=$(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# make_site DIR JSONL: a fresh site with the articles of JSONL imported (kept if present and
# newer than JSONL, since importing 100k articles takes a while).
make_site() {
  local dir=$1 jsonl=$2
  if [ -f "$dir/congtin.db" ] && [ "$dir/congtin.db" -nt "$jsonl" ]; then return; fi
  rm -rf "$dir"
  "$CONGTIN" init --data "$dir" >/dev/null
  "$CONGTIN" import --data "$dir" "$jsonl" >/dev/null
}

# start_congtin DATA PORT [VAR=VALUE...]: starts serve in the background with the given
# environment, waits for /healthz; sets CONGTIN_PID and STARTUP_MS (exec to first answer).
start_congtin() {
  local data=$1 port=$2; shift 2
  local t0; t0=$(now_ms)
  env CONGTIN_ACCESS_LOG=${CONGTIN_ACCESS_LOG:-false} "$@" \
    "$CONGTIN" serve --data "$data" --listen "127.0.0.1:$port" --threads "$SERVER_THREADS" \
    >"$WORK/congtin-$port.log" 2>&1 &
  CONGTIN_PID=$!
  PIDS+=("$CONGTIN_PID")
  for _ in $(seq 1 500); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then STARTUP_MS=$(( $(now_ms) - t0 )); return; fi
    kill -0 "$CONGTIN_PID" 2>/dev/null || { cat "$WORK/congtin-$port.log" >&2; exit 1; }
    sleep 0.01
  done
  echo "congtin did not answer on :$port" >&2; exit 1
}

stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

rss_mb() { awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$1/status"; }

# wrk output -> "rps p99_ms"
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /^     99%/ { p99=ms($2) } /^Requests\/sec:/ { rps=$2 }
    /Non-2xx or 3xx responses:/ { non=$NF }
    END { if (non != "") print "warning: " non " non-2xx answers" > "/dev/stderr"; printf "%s %.2f\n", rps, p99 }' "$1"
}

# run_once NAME RUN URL [wrk args...]: one bounded wrk run; appends "rps p99" to
# $WORK/NAME.results and keeps the raw output in $WORK/NAME.runRUN.txt.
run_once() {
  local name=$1 run=$2 url=$3; shift 3
  [ "$run" = 1 ] && { : >"$WORK/$name.results"; wrk -t"$THREADS" -c"$CONNS" -d2s "$@" "$url" >/dev/null 2>&1; }
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency --timeout 10s "$@" "$url" >"$WORK/$name.run$run.txt" 2>&1
  read -r rps p99 < <(parse_wrk "$WORK/$name.run$run.txt")
  echo "$rps $p99" >>"$WORK/$name.results"
  echo "  $name run $run: $rps req/s, p99 $p99 ms" >&2
  sleep "$GAP"
}

# summary NAME: "NAME median_rps median_p99_ms [rps/rps/rps]" over the runs recorded.
summary() {
  local f="$WORK/$1.results" mid
  mid=$(( ($(wc -l <"$f") + 1) / 2 ))
  echo "$1 $(cut -d' ' -f1 "$f" | sort -g | sed -n "${mid}p") $(cut -d' ' -f2 "$f" | sort -g | sed -n "${mid}p") [$(cut -d' ' -f1 "$f" | paste -sd/)]"
}

# bench_url NAME URL [wrk args...]: RUNS runs in a row, then the summary line.
bench_url() {
  local name=$1 url=$2; shift 2
  for r in $(seq 1 "$RUNS"); do run_once "$name" "$r" "$url" "$@"; done
  summary "$name"
}

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }

# start_nginx DIR PORT: nginx serving DIR at every path from DIR/page.html (and page.html.gz
# to clients that accept gzip), configured like the peers' static anchor. Sets NGINX_PID.
start_nginx() {
  local dir=$1 port=$2
  mkdir -p "$dir/tmp"
  cat >"$dir/nginx.conf" <<CNF
user root;
worker_processes $(nproc);
pid $dir/nginx.pid;
daemon off;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type text/html;
  charset utf-8;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  gzip off;
  gzip_static on;
  gzip_vary on;
  etag on;
  open_file_cache max=64 inactive=60s;
  open_file_cache_valid 60s;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
    location / { try_files /page.html =404; }
  }
}
CNF
  /usr/sbin/nginx -c "$dir/nginx.conf" &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return; sleep 0.02; done
  echo "nginx did not start; see $dir/error.log" >&2; exit 1
}
