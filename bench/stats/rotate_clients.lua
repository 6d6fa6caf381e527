-- wrk script: every request looks like another client behind the trusted proxy 127.0.0.1
-- (X-Forwarded-For from a pool of 50,000 addresses), with a browser's User-Agent and Accept,
-- so the counter takes its full path (hash, visitor table, address table, per-article count)
-- instead of the cheap "this visitor reached its cap" one.
local i = 0
wrk.headers["User-Agent"] =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
wrk.headers["Accept"] = "text/html,application/xhtml+xml"
request = function()
  i = i + 1
  local n = i % 50000
  wrk.headers["X-Forwarded-For"] =
    string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format(nil, nil)
end
