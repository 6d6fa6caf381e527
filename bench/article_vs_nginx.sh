#!/bin/bash
# Article page, cache warm and cache off, against nginx serving the same bytes from a file.
# usage: bench/article_vs_nginx.sh   (env: BUILD, CONGTIN, WORK, RUNS, DURATION, SLUG, PORT_BASE)
# Imports the peers corpus (2000 articles) into a fresh site, saves congtin's article page to
# a file (and the gzip congtin's page cache made of it, the same bytes), serves that with nginx
# (gzip_static), and measures wrk -t2 -c64 -d10s three times each: identity and gzip, with
# the page cache on (warm) and off (every answer a full render, gzipped per request).
. "$(dirname "$0")/lib.sh"
SLUG=${SLUG:-chuyen-doi-gia-tri-thoi-gian}   # the peers' benchmark article (median length)
python3 "$BENCH/tsv_to_jsonl.py" "$PEERS/corpus/articles.tsv" "$WORK/corpus.jsonl" 2>/dev/null
make_site "$WORK/site-corpus" "$WORK/corpus.jsonl"
echo "# article vs nginx — $(machine)"

# PORT_BASE=N puts the servers on N (cache on), N+1 (cache off) and N+2 (nginx); otherwise
# free ports are picked.
port() { if [ -n "${PORT_BASE:-}" ]; then echo $((PORT_BASE + $1)); else free_port; fi; }
PORT=$(port 0); start_congtin "$WORK/site-corpus" "$PORT"
CACHED_PID=$CONGTIN_PID
URL="http://127.0.0.1:$PORT/tin-tuc/$SLUG"
mkdir -p "$WORK/nginx/www"
curl -sf -o "$WORK/nginx/www/page.html" "$URL"
# nginx gets congtin's own cached gzip (made once at level 9): the very bytes congtin sends.
curl -sf -H 'Accept-Encoding: gzip' -o "$WORK/nginx/www/page.html.gz" "$URL"
gzip -t "$WORK/nginx/www/page.html.gz"
size=$(stat -c %s "$WORK/nginx/www/page.html"); gz=$(stat -c %s "$WORK/nginx/www/page.html.gz")
echo "page: $URL — $size bytes, congtin's cached gzip $gz bytes ($(gzip -9 -c -n "$WORK/nginx/www/page.html" | wc -c) with gzip -9)"
OPORT=$(port 1); start_congtin "$WORK/site-corpus" "$OPORT" CONGTIN_PAGE_CACHE_MB=0
OURL="http://127.0.0.1:$OPORT/tin-tuc/$SLUG"
cmp -s <(curl -s "$OURL") "$WORK/nginx/www/page.html" || { echo "cache off answers other bytes" >&2; exit 1; }
NPORT=$(port 2); start_nginx "$WORK/nginx" "$NPORT"
NURL="http://127.0.0.1:$NPORT/tin-tuc/$SLUG"

echo "| target | req/s (median of $RUNS) | p99 ms (median) | runs req/s |"
echo "|---|---:|---:|---|"
row() { read -r name rps p99 runs <<<"$1"; echo "| $name | $rps | $p99 | $runs |"; eval "RPS_${name//-/_}=$rps; P99_${name//-/_}=$p99"; }
# Round-robin over all six, so that the machine's drift (it is shared) hits them alike; the
# cache-off server waits idle while the others run.
ALL="nginx-identity congtin-identity congtin-nocache-identity nginx-gzip congtin-gzip congtin-nocache-gzip"
for r in $(seq 1 "$RUNS"); do
  run_once nginx-identity "$r" "$NURL"
  run_once congtin-identity "$r" "$URL"
  run_once congtin-nocache-identity "$r" "$OURL"
  run_once nginx-gzip "$r" "$NURL" -H 'Accept-Encoding: gzip'
  run_once congtin-gzip "$r" "$URL" -H 'Accept-Encoding: gzip'
  run_once congtin-nocache-gzip "$r" "$OURL" -H 'Accept-Encoding: gzip'
done
for n in $ALL; do row "$(summary $n)"; done
stop_pid "$CACHED_PID"; stop_pid "$CONGTIN_PID"

echo
echo "ratios (congtin / nginx, req/s; p99 congtin vs nginx):"
echo "- cache warm, identity: $(ratio "$RPS_congtin_identity" "$RPS_nginx_identity")× (p99 $P99_congtin_identity vs $P99_nginx_identity ms)"
echo "- cache warm, gzip:     $(ratio "$RPS_congtin_gzip" "$RPS_nginx_gzip")× (p99 $P99_congtin_gzip vs $P99_nginx_gzip ms)"
echo "- cache off, identity:  $(ratio "$RPS_congtin_nocache_identity" "$RPS_nginx_identity")×"
echo "- cache off, gzip:      $(ratio "$RPS_congtin_nocache_gzip" "$RPS_nginx_gzip")× (vs nginx identity: $(ratio "$RPS_congtin_nocache_gzip" "$RPS_nginx_identity")×)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
