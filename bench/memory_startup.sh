#!/bin/bash
# Memory and start-up with 100,000 articles: time from exec to the first answered request,
# then RSS after a load test over many different article pages (which fills the cache).
# usage: bench/memory_startup.sh     (env: as lib.sh; N=100000, CACHE_MB=64)
. "$(dirname "$0")/lib.sh"
N=${N:-100000}
CACHE_MB=${CACHE_MB:-64}
[ -s "$WORK/gen-$N.jsonl" ] || python3 "$BENCH/gen_corpus.py" "$N" "$WORK/gen-$N.jsonl"
t0=$(now_ms); make_site "$WORK/site-$N" "$WORK/gen-$N.jsonl"; echo "site ready in $(( $(now_ms) - t0 )) ms (0 if reused)" >&2
echo "# memory and start-up, $N articles — $(machine)"
echo "database: $(du -m "$WORK/site-$N/congtin.db" | cut -f1) MB"
starts=()
for r in $(seq 1 "$RUNS"); do
  PORT=$(free_port); start_congtin "$WORK/site-$N" "$PORT" CONGTIN_PAGE_CACHE_MB="$CACHE_MB"
  starts+=("$STARTUP_MS"); echo "  start-up run $r: $STARTUP_MS ms" >&2
  [ "$r" = "$RUNS" ] || stop_pid "$CONGTIN_PID"
done
echo "start to first answer (/healthz), median of $RUNS: $(printf '%s\n' "${starts[@]}" | sort -n | sed -n "$(( (RUNS+1)/2 ))p") ms [$(IFS=/; echo "${starts[*]}")]"
echo "RSS idle: $(rss_mb "$CONGTIN_PID") MB"
# Cold renders (page cache empty): the pages whose queries grow with the corpus.
CAT=${CAT:-hoat-dong-doi-ngoai}
for path in / "/chuyen-muc/$CAT" "/chuyen-muc/$CAT?trang=300" /sitemap.xml /sitemap/1.xml /rss.xml "/chuyen-muc/$CAT/rss.xml"; do
  curl -s -o /dev/null -w "cold $path: %{http_code}, %{size_download} bytes, %{time_total} s\n" "http://127.0.0.1:$PORT$path"
done
echo "RSS after the cold pages: $(rss_mb "$CONGTIN_PID") MB"
# wrk over 20,000 different articles and the home page.
cat >"$WORK/many.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local r = n % 100
  local path
  if r == 0 then path = "/" else path = "/tin-tuc/bai-viet-" .. ((n * 7919) % 20000 + 1) end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip, br"})
end
LUA
res=$(bench_url many-pages "http://127.0.0.1:$PORT/" -s "$WORK/many.lua")
echo "load test (wrk -t$THREADS -c$CONNS -d$DURATION over 20,000 articles, gzip/br): $res"
echo "RSS after load test: $(rss_mb "$CONGTIN_PID") MB (target ≤ 150 + $CACHE_MB cache = $((150 + CACHE_MB)) MB)"
# Of which memory the process allocated, and pages of the database file mapped by SQLite
# (clean pages the kernel can take back at any time).
echo "  of which anonymous $(awk '/^RssAnon:/{printf "%.1f", $2/1024}' "/proc/$CONGTIN_PID/status") MB," \
  "file-backed $(awk '/^RssFile:/{printf "%.1f", $2/1024}' "/proc/$CONGTIN_PID/status") MB"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
