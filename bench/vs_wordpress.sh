#!/bin/bash
# congtin against WordPress 6.1 (the peers harness, ../shared/peers) with the same corpus in
# both: the article page and the search page, congtin with and without its page cache.
# WordPress keeps the harness's configuration (no page cache, no object cache).
#
# Before measuring it checks that the comparison is fair, and stops if it is not:
#   - the corpus imported here is the dump WordPress was loaded from ($WP_STATE/corpus.tsv),
#     with as many rows as WordPress has articles;
#   - both servers show the same article: its title and every paragraph of its body (from the
#     corpus row) are in the text of both pages;
#   - the search word finds results in both, and the two counts are printed.
# Then every target gets a warm-up and RUNS wrk runs, round-robin (so a noisy machine hurts
# all targets alike), and the medians and the ratios are printed.
#
# Starts WordPress with peers/wordpress/start.sh if it is not answering, and stops it again at
# the end in that case only (run peers/wordpress/setup.sh once before; it needs root and apt).
# usage: BUILD=build bench/vs_wordpress.sh
#   env: as lib.sh (RUNS=3, DURATION=10s, CONNS=64, THREADS=2, SERVER_THREADS=2), and
#   SEARCH_WORD (phông), WARMUP (3s), WP_GAP (8: idle seconds after a WordPress run, while
#   php-fpm drains the up to $CONNS requests wrk left queued: 64 at 11/s is about 6 s),
#   PORT_CACHE / PORT_NOCACHE (19210 / 19211), WORK (/tmp/congtin-bench-wp).
# A full run takes about 5 minutes (6 targets x 3 runs x 10 s, plus warm-ups and gaps).
WORK=${WORK:-/tmp/congtin-bench-wp}  # not lib.sh's default: other scripts rebuild site-corpus there
. "$(dirname "$0")/lib.sh"
. "$PEERS/wordpress/env.sh"
SEARCH_WORD=${SEARCH_WORD:-phông}
WARMUP=${WARMUP:-3s}
WP_GAP=${WP_GAP:-8}
PORT_CACHE=${PORT_CACHE:-19210}
PORT_NOCACHE=${PORT_NOCACHE:-19211}
T_START=$(now_ms)
COMMAND="BUILD=${BUILD#"$ROOT"/} RUNS=$RUNS DURATION=$DURATION bench/vs_wordpress.sh"

fail() { echo "vs_wordpress: $*" >&2; exit 1; }
port_free() { python3 -c 'import socket,sys;s=socket.socket();s.bind(("127.0.0.1",int(sys.argv[1])))' "$1" 2>/dev/null; }

# ---------------------------------------------------------------- WordPress
[ -s "$WP_STATE/urls.env" ] || fail "no $WP_STATE/urls.env: run $PEERS/wordpress/setup.sh once (as root)"
. "$WP_STATE/urls.env"
STARTED_WP=0
if ! curl -sf -o /dev/null "$WP_URL/"; then
  "$PEERS/wordpress/start.sh" >/dev/null || fail "wordpress/start.sh failed; see $WP_LOG/"
  STARTED_WP=1
fi
stop_wp() { if [ "$STARTED_WP" = 1 ]; then "$PEERS/wordpress/stop.sh" >/dev/null 2>&1 || true; fi; }
trap 'cleanup; stop_wp' EXIT

# ---------------------------------------------------------------- the same corpus in congtin
# The dump WordPress's loader wrote (with the slugs WordPress assigned) is the exact corpus in
# its database; peers/corpus/articles.tsv is a copy of it, used when the state is elsewhere.
CORPUS=${CORPUS:-}
for c in "$WP_STATE/corpus.tsv" "$PEERS/corpus/articles.tsv" "$PEERS/corpus/articles.tsv.gz"; do
  [ -z "$CORPUS" ] && [ -r "$c" ] && CORPUS=$c
done
[ -n "$CORPUS" ] || fail "no corpus: neither $WP_STATE/corpus.tsv nor $PEERS/corpus/articles.tsv"
python3 "$BENCH/tsv_to_jsonl.py" "$CORPUS" "$WORK/corpus.jsonl" 2>/dev/null
rows=$(wc -l <"$WORK/corpus.jsonl")
[ "$rows" = "$N_ARTICLES" ] || fail "$CORPUS has $rows articles, WordPress has $N_ARTICLES"
# A fresh site every run: the visits of the previous run would otherwise be in its statistics.
rm -rf "$WORK/site"
make_site "$WORK/site" "$WORK/corpus.jsonl"

for p in "$PORT_CACHE" "$PORT_NOCACHE"; do port_free "$p" || fail "port $p is taken (PORT_CACHE/PORT_NOCACHE)"; done
start_congtin "$WORK/site" "$PORT_CACHE"
start_congtin "$WORK/site" "$PORT_NOCACHE" CONGTIN_PAGE_CACHE_MB=0
grep -q 'page cache: off' "$WORK/congtin-$PORT_NOCACHE.log" || fail "congtin on :$PORT_NOCACHE did not turn its page cache off"
grep -q 'page cache: [0-9]' "$WORK/congtin-$PORT_CACHE.log" || fail "congtin on :$PORT_CACHE has no page cache"

q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$SEARCH_WORD")
SLUG=${ARTICLE_PATH//\//}
C1="http://127.0.0.1:$PORT_CACHE"
C0="http://127.0.0.1:$PORT_NOCACHE"
NAMES=(wp-article congtin-article congtin-nocache-article wp-search congtin-search congtin-nocache-search)
URLS=("$WP_URL$ARTICLE_PATH" "$C1/tin-tuc/$SLUG" "$C0/tin-tuc/$SLUG"
      "$WP_URL/?s=$q" "$C1/tim-kiem?q=$q" "$C0/tim-kiem?q=$q")
GAPS=("$WP_GAP" "$GAP" "$GAP" "$WP_GAP" "$GAP" "$GAP")

{
echo "# congtin vs WordPress — $(machine)"
echo "command: $COMMAND   (wrk -t$THREADS -c$CONNS -d$DURATION --latency --timeout 10s URL; warm-up -d$WARMUP each; $RUNS runs round-robin; idle ${WP_GAP}s after a WordPress run, ${GAP}s after a congtin run)"
echo "congtin: $CONGTIN, serve --threads $SERVER_THREADS, access log off; page cache on (:$PORT_CACHE) and CONGTIN_PAGE_CACHE_MB=0 (:$PORT_NOCACHE)"
echo "corpus: $CORPUS, $rows articles in both"
} | tee "$WORK/summary.md"

# ---------------------------------------------------------------- fairness checks
for k in "${!NAMES[@]}"; do
  code=$(curl -s -o "$WORK/${NAMES[$k]}.body" -w '%{http_code}' "${URLS[$k]}")
  [ "$code" = 200 ] || fail "${NAMES[$k]} ${URLS[$k]} answers $code"
done
python3 - "$CORPUS" "$SLUG" "$WORK/wp-article.body" "$WORK/congtin-article.body" \
  "$WORK/congtin-nocache-article.body" <<'PY' | tee -a "$WORK/summary.md" || fail "not the same article"
# The corpus row's title and paragraphs must be in the visible text of every page. WordPress
# "texturizes" text (curly quotes, ellipsis and dash glyphs), so both sides are folded first.
import gzip, html, re, sys, unicodedata

def fold(s):
    s = unicodedata.normalize("NFC", s)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2032", "'"), ("\u2033", '"'), ("\u2026", "..."), ("\u2013", "-"),
                 ("\u2014", "-"), ("\u00d7", "x"), ("--", "-")):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()

def page_text(path):
    s = open(path, encoding="utf-8").read()
    s = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", s)
    return fold(html.unescape(re.sub(r"<[^>]+>", " ", s)))

def unescape(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), s)

corpus, slug, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
with (gzip.open if corpus.endswith(".gz") else open)(corpus, "rt", encoding="utf-8") as f:
    row = next((r for r in (l.rstrip("\n").split("\t") for l in f) if len(r) == 5 and r[3] == slug), None)
if row is None:
    sys.exit(f"slug {slug} is not in {corpus}")
title, body = fold(unescape(row[0])), unescape(row[2])
paras = [fold(p) for p in re.split(r"\n\s*\n", body) if p.strip()]
ok = True
for path in pages:
    text = page_text(path)
    found = sum(p in text for p in paras)
    name = path.rsplit("/", 1)[-1].removesuffix(".body")
    print(f"- same article, {name}: title {'found' if title in text else 'MISSING'}, "
          f"{found}/{len(paras)} body paragraphs found")
    ok = ok and title in text and found == len(paras)
sys.exit(0 if ok else 1)
PY
# WordPress's search page shows 10 titles and no total; its REST API runs the same WP_Query
# search (LIKE over title, excerpt and content) and gives the total in X-WP-Total.
wp_total=$(curl -s -D - -o /dev/null "$WP_URL/wp-json/wp/v2/posts?search=$q&per_page=1&_fields=id" |
  tr -d '\r' | awk -F': ' 'tolower($1)=="x-wp-total"{print $2}')
wp_shown=$({ grep -o '<h2 class="wp-block-post-title' "$WORK/wp-search.body" || true; } | wc -l)
ct_total=$(grep -o 'Tìm thấy [0-9.]* kết quả' "$WORK/congtin-nocache-search.body" | tr -dc '0-9' || true)
echo "- search \"$SEARCH_WORD\": WordPress ${wp_total:-?} results ($wp_shown on the page), congtin ${ct_total:-?} results" |
  tee -a "$WORK/summary.md"
[ "${wp_total:-0}" -gt 0 ] && [ "${ct_total:-0}" -gt 0 ] && [ "$wp_shown" -gt 0 ] ||
  fail "the search word finds nothing in one of the two"

# ---------------------------------------------------------------- measurements
measure() {  # measure NAME RUN URL GAP: one wrk run; appends "rps p99" to NAME.results
  local f="$WORK/$1.run$2.txt" rps p99 bad
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency --timeout 10s "$3" >"$f" 2>&1
  read -r rps p99 < <(parse_wrk "$f" 2>/dev/null)
  bad=$(awk '/Non-2xx/{n+=$NF} /Socket errors:/{gsub(",","");n+=$4+$6+$8+$10} END{print n+0}' "$f")
  echo "$rps $p99" >>"$WORK/$1.results"
  echo "  $1 run $2: $rps req/s, p99 $p99 ms, $bad errors or non-2xx" >&2
  [ "$bad" = 0 ] || echo "warning: $1 run $2: $bad errors or non-2xx answers (see $f)" >&2
  sleep "$4"
}
# run_ratios A B: A's req/s over B's, run by run (the runs of one round were back to back).
run_ratios() {
  paste -d' ' "$WORK/$1.results" "$WORK/$2.results" |
    awk '{printf "%s%.0f", (NR>1?"/":""), $1/$3}'
}
echo "warm-up ($WARMUP each)..." >&2
for k in "${!NAMES[@]}"; do
  : >"$WORK/${NAMES[$k]}.results"
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s "${URLS[$k]}" >/dev/null 2>&1
  sleep "${GAPS[$k]}"
done
# One request each, warm and unloaded: the service time behind the throughput.
declare -A BYTES SINGLE
for k in "${!NAMES[@]}"; do
  read -r b t < <(curl -s -o /dev/null -w '%{size_download} %{time_total}\n' "${URLS[$k]}")
  BYTES[${NAMES[$k]}]=$b; SINGLE[${NAMES[$k]}]=$(python3 -c "print(f'{float(\"$t\")*1000:.1f}')")
done
T_WRK=$(now_ms)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$RUNS"); do
  for k in "${!NAMES[@]}"; do measure "${NAMES[$k]}" "$r" "${URLS[$k]}" "${GAPS[$k]}"; done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
T_END=$(now_ms)

{
echo
echo "| target | URL | bytes | one request, ms | req/s (median of $RUNS) | p99 ms (median) | runs req/s |"
echo "|---|---|---:|---:|---:|---:|---|"
for k in "${!NAMES[@]}"; do
  read -r name rps p99 runs <<<"$(summary "${NAMES[$k]}")"
  printf -v "RPS_${name//-/_}" '%s' "$rps"
  echo "| $name | ${URLS[$k]#http://127.0.0.1:} | ${BYTES[$name]} | ${SINGLE[$name]} | $rps | $p99 | $runs |"
done
echo
echo "- article: congtin / WordPress = $(ratio "$RPS_congtin_article" "$RPS_wp_article")× with the page cache, $(ratio "$RPS_congtin_nocache_article" "$RPS_wp_article")× without (per run: $(run_ratios congtin-article wp-article); $(run_ratios congtin-nocache-article wp-article))"
echo "- search: congtin / WordPress = $(ratio "$RPS_congtin_search" "$RPS_wp_search")× with the page cache, $(ratio "$RPS_congtin_nocache_search" "$RPS_wp_search")× without (per run: $(run_ratios congtin-search wp-search); $(run_ratios congtin-nocache-search wp-search))"
echo "- load average: $LOAD_BEFORE before the wrk runs, $LOAD_AFTER after"
echo "- time: $(( (T_END - T_START) / 1000 )) s in all, of which $(( (T_END - T_WRK) / 1000 )) s of measured runs; raw wrk output in $WORK"
} | tee -a "$WORK/summary.md"
