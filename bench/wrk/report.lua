-- Prints one parseable line after a wrk run: requests per second, latency percentiles, and the
-- requests that failed (non-2xx/3xx answers, socket errors, timeouts). Loaded by every script
-- in bench/ (wrk -s); others may set `request` before including it.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("result rps=%.1f requests=%d secs=%.3f p50_ms=%.2f p99_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests / secs, summary.requests, secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
