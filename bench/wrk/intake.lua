-- POSTs a new appeal for each request, spread over the villages listed (one id a line) in the
-- file named by the VILLAGES environment variable, never the same text twice (so none is
-- offered as "me too"). The bearer token comes from TOKEN. Acknowledged filings are counted by
-- the caller from the report (requests less failures) and compared with the database.
local villages = {}
for line in io.lines(os.getenv("VILLAGES")) do
  if #line > 0 then villages[#villages + 1] = line end
end
-- Each need with the extra fields its category requires (a road report says whether it is a
-- hazard), as a villager's form would send them.
local needs = {
  { "water", "自来水管漏水，请派人修理" }, { "road", "村道有个大坑，晚上看不清", '{"hazard":"yes"}' },
  { "environment", "垃圾好几天没人清运" }, { "elderly", "独居老人需要有人上门看看" },
  { "social", "医保报销不知道怎么办" }, { "agriculture", "想了解今年的种粮补贴" },
  { "dispute", "邻居宅基地边界有争议" }, { "other", "健身器材坏了，请安排维修" },
}
local n = 0
local token = os.getenv("TOKEN")
request = function()
  n = n + 1
  local v = villages[(n * 7919) % #villages + 1]
  local need = needs[(n * 31) % #needs + 1]
  local body = string.format(
    '{"village_id":"%s","service_code":"%s","description":"第%d件：%s。","channel":"api","not_duplicate":true,"attributes":%s}',
    v, need[1], n, need[2], need[3] or "{}")
  return wrk.format("POST", "/api/v1/appeals",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
-- Every answer that is not a 2xx, counted by status, with the first body of each, so a failure
-- is named rather than only counted.
statuses = {}
first_body = {}
response = function(status, headers, body)
  if status < 200 or status > 299 then
    statuses[status] = (statuses[status] or 0) + 1
    if first_body[status] == nil then first_body[status] = string.sub(body or "", 1, 200) end
  end
end
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
dofile(os.getenv("REPORT"))
local report = done
done = function(summary, latency, requests)
  report(summary, latency, requests)
  for _, t in ipairs(threads) do
    local counts, bodies = t:get("statuses"), t:get("first_body")
    for status, count in pairs(counts or {}) do
      io.write(string.format("failure status=%d count=%d body=%s\n", status, count, (bodies[status] or ""):gsub("%s+", " ")))
    end
  end
end
