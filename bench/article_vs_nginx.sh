#!/bin/bash
# Article page, cache warm and cache off, against nginx serving the same bytes from a file.
# usage: bench/article_vs_nginx.sh          (env: BUILD, CONGTIN, WORK, RUNS, DURATION, SLUG)
# Imports the peers corpus (2000 articles) into a fresh site, saves congtin's article page to
# a file (and its gzip -9, the same compression the page cache uses), serves that with nginx
# (gzip_static), and measures wrk -t2 -c64 -d10s three times each: identity and gzip.
. "$(dirname "$0")/lib.sh"
SLUG=${SLUG:-chuyen-doi-gia-tri-thoi-gian}   # the peers' benchmark article (median length)
python3 "$BENCH/tsv_to_jsonl.py" "$PEERS/corpus/articles.tsv" "$WORK/corpus.jsonl" 2>/dev/null
make_site "$WORK/site-corpus" "$WORK/corpus.jsonl"
echo "# article vs nginx — $(machine)"

PORT=$(free_port); start_congtin "$WORK/site-corpus" "$PORT"
URL="http://127.0.0.1:$PORT/tin-tuc/$SLUG"
mkdir -p "$WORK/nginx/www"
curl -sf -o "$WORK/nginx/www/page.html" "$URL"
gzip -9 -k -f -n "$WORK/nginx/www/page.html"
size=$(stat -c %s "$WORK/nginx/www/page.html"); gz=$(stat -c %s "$WORK/nginx/www/page.html.gz")
ours_gz=$(curl -s -H 'Accept-Encoding: gzip' "$URL" | wc -c)
echo "page: $URL — $size bytes, gzip -9 $gz bytes (congtin's cached gzip: $ours_gz bytes)"
NPORT=$(free_port); start_nginx "$WORK/nginx" "$NPORT"
NURL="http://127.0.0.1:$NPORT/tin-tuc/$SLUG"

echo "| target | req/s (median of $RUNS) | p99 ms (median) | runs req/s |"
echo "|---|---:|---:|---|"
row() { read -r name rps p99 runs <<<"$1"; echo "| $name | $rps | $p99 | $runs |"; eval "RPS_${name//-/_}=$rps; P99_${name//-/_}=$p99"; }
# Round-robin, so that the machine's drift (it is shared) hits both servers alike.
for r in $(seq 1 "$RUNS"); do
  run_once nginx-identity "$r" "$NURL"
  run_once congtin-identity "$r" "$URL"
  run_once nginx-gzip "$r" "$NURL" -H 'Accept-Encoding: gzip'
  run_once congtin-gzip "$r" "$URL" -H 'Accept-Encoding: gzip'
done
for n in nginx-identity congtin-identity nginx-gzip congtin-gzip; do row "$(summary $n)"; done
stop_pid "$CONGTIN_PID"

PORT=$(free_port); start_congtin "$WORK/site-corpus" "$PORT" CONGTIN_PAGE_CACHE_MB=0
URL="http://127.0.0.1:$PORT/tin-tuc/$SLUG"
row "$(bench_url congtin-nocache-identity "$URL")"
row "$(bench_url congtin-nocache-gzip "$URL" -H 'Accept-Encoding: gzip')"
stop_pid "$CONGTIN_PID"

echo
echo "ratios (congtin / nginx, req/s; p99 congtin vs nginx):"
echo "- cache warm, identity: $(ratio "$RPS_congtin_identity" "$RPS_nginx_identity")× (p99 $P99_congtin_identity vs $P99_nginx_identity ms)"
echo "- cache warm, gzip:     $(ratio "$RPS_congtin_gzip" "$RPS_nginx_gzip")× (p99 $P99_congtin_gzip vs $P99_nginx_gzip ms)"
echo "- cache off, identity:  $(ratio "$RPS_congtin_nocache_identity" "$RPS_nginx_identity")×"
echo "- cache off, gzip:      $(ratio "$RPS_congtin_nocache_gzip" "$RPS_nginx_gzip")×"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
