-- wrk script: cycles through the request paths listed (one a line) in the file named by the
-- QUERIES environment variable; each wrk thread starts at a different place in the list.
-- Collects the handler time of every answer from its Server-Timing header
-- ("search;dur=<ms>") and prints "handler: n p50_us p99_us" when wrk is done, so load.sh
-- can report the server's own time beside the latency wrk sees.
local paths = {}
for line in io.lines(os.getenv("QUERIES")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0
local threads = {}
local i = 0
durations = {}

function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7919)
  threads[#threads + 1] = thread
end

function init(args)
  i = (start or 0) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  local timing = headers["Server-Timing"] or headers["server-timing"]
  if status == 200 and timing then
    local ms = timing:match("dur=([%d%.]+)")
    if ms then durations[#durations + 1] = tonumber(ms) end
  end
end

function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for _, d in ipairs(t:get("durations") or {}) do all[#all + 1] = d end
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return math.floor(all[math.max(1, math.ceil(#all * p))] * 1000 + 0.5)
  end
  io.write(string.format("handler: %d %d %d\n", #all, pct(0.5), pct(0.99)))
  io.write(string.format("wrk: %d %d\n", latency:percentile(50), latency:percentile(99)))
end
