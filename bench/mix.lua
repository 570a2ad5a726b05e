-- wrk script for make bench: every connection cycles through the queries of
-- $BENCH_QUERIES (one per line, # starts a comment line) as /api/search
-- requests, and done() prints one machine-readable line for bench/run.sh.
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERIES") or "bench/queries.txt") do
  if line ~= "" and line:sub(1, 1) ~= "#" then
    local q = line:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end)
    queries[#queries + 1] = "/api/search?q=" .. q
  end
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7)
end

local i = 0
function init(args)
  i = start or 0
end

function request()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
