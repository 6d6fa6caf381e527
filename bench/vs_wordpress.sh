#!/bin/bash
# congtin against WordPress 6.1 (the peers harness) with the same corpus in both: article
# page and search. Starts WordPress with peers/wordpress/start.sh if it is not answering
# (run peers/wordpress/setup.sh once before; it needs root and apt).
# usage: bench/vs_wordpress.sh     (env: as lib.sh; SEARCH_WORD, default phông)
. "$(dirname "$0")/lib.sh"
. "$PEERS/wordpress/env.sh"
SEARCH_WORD=${SEARCH_WORD:-phông}
# WordPress is stopped again at the end only if this script started it.
STARTED_WP=0
curl -sf -o /dev/null "$WP_URL/" || { "$PEERS/wordpress/start.sh" >/dev/null; STARTED_WP=1; }
stop_wp() { [ "$STARTED_WP" = 1 ] && "$PEERS/wordpress/stop.sh" >/dev/null 2>&1 || true; }
trap 'stop_wp; cleanup' EXIT
. "$WP_STATE/urls.env"
python3 "$BENCH/tsv_to_jsonl.py" "$PEERS/corpus/articles.tsv" "$WORK/corpus.jsonl" 2>/dev/null
make_site "$WORK/site-corpus" "$WORK/corpus.jsonl"
echo "# congtin vs WordPress — $(machine)"
PORT=$(free_port); start_congtin "$WORK/site-corpus" "$PORT"
q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$SEARCH_WORD")
SLUG=${ARTICLE_PATH//\//}
OURS="http://127.0.0.1:$PORT/tin-tuc/$SLUG"
OURS_SEARCH="http://127.0.0.1:$PORT/tim-kiem?q=$q"
echo "WordPress article $WP_URL$ARTICLE_PATH ($(curl -s "$WP_URL$ARTICLE_PATH" | wc -c) bytes); ours $OURS ($(curl -s "$OURS" | wc -c) bytes)"
echo "| target | req/s (median of $RUNS) | p99 ms (median) | runs req/s |"
echo "|---|---:|---:|---|"
row() { read -r name rps p99 runs <<<"$1"; echo "| $name | $rps | $p99 | $runs |"; eval "RPS_${name//-/_}=$rps"; }
GAP=5 row "$(GAP=5 bench_url wp-article "$WP_URL$ARTICLE_PATH")"
row "$(bench_url congtin-article "$OURS")"
code=$(curl -s -o /dev/null -w '%{http_code}' "$OURS_SEARCH")
[ "$code" = 200 ] && row "$(bench_url congtin-search "$OURS_SEARCH")"
stop_pid "$CONGTIN_PID"
# WordPress has no page cache: congtin without its page cache too (every answer rendered).
PORT=$(free_port); start_congtin "$WORK/site-corpus" "$PORT" CONGTIN_PAGE_CACHE_MB=0
row "$(bench_url congtin-nocache-article "http://127.0.0.1:$PORT/tin-tuc/$SLUG")"
echo "- article: congtin / WordPress = $(ratio "$RPS_congtin_article" "$RPS_wp_article")× (page cache off: $(ratio "$RPS_congtin_nocache_article" "$RPS_wp_article")×)"
if [ "$code" = 200 ]; then
  row "$(bench_url congtin-nocache-search "http://127.0.0.1:$PORT/tim-kiem?q=$q")"
  row "$(GAP=5 bench_url wp-search "$WP_URL/?s=$q")"
  echo "- search: congtin / WordPress = $(ratio "$RPS_congtin_search" "$RPS_wp_search")× (page cache off: $(ratio "$RPS_congtin_nocache_search" "$RPS_wp_search")×)"
else
  echo "- search: $OURS_SEARCH answers $code; not measured"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
