-- wrk script: mixed traffic over the URLs in $BENCH_URLS_FILE (one path per line),
-- picked round-robin per thread. wrk counts status >= 400 in errors.status.
local paths = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local file = os.getenv("BENCH_URLS_FILE") or "bench/urls.txt"
  for line in io.lines(file) do
    if line ~= "" then table.insert(paths, line) end
  end
  index = id or 0
end

function request()
  index = index + 1
  return wrk.format("GET", paths[(index % #paths) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("requests/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50: %.1f ms  p95: %.1f ms  p99: %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
  local e = summary.errors
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, status>=400 %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
