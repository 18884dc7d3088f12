-- wrk script: the full Acefone PUT /v1/dialer/campaign/<id> with auth, round the three seeded
-- campaigns (wrk itself counts "Non-2xx or 3xx responses").
-- wrk -t2 -c8 -d10s -s bench/put.lua http://127.0.0.1:8000
local ids = {"40001", "40002", "40003"}
local n = 0
local headers = {["Authorization"] = "Bearer acefone-demo-token", ["Content-Type"] = "application/json"}

request = function()
  n = n + 1
  local body = '{"description": "bench update ' .. n .. '"}'
  return wrk.format("PUT", "/v1/dialer/campaign/" .. ids[n % 3 + 1], headers, body)
end
