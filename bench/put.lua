-- wrk script: the full Acefone PUT /v1/dialer/campaign/<id> with auth, round the three seeded
-- campaigns (wrk itself counts "Non-2xx or 3xx responses"). An argument after `--` replaces the
-- path prefix (json-server's collection is /campaigns/).
-- wrk -t2 -c8 -d10s -s bench/put.lua http://127.0.0.1:8000 [-- /campaigns/]
local ids = {"40001", "40002", "40003"}
local n = 0
local prefix = "/v1/dialer/campaign/"
local headers = {["Authorization"] = "Bearer acefone-demo-token", ["Content-Type"] = "application/json"}

init = function(args)
  if args[1] then prefix = args[1] end
end

request = function()
  n = n + 1
  local body = '{"description": "bench update ' .. n .. '"}'
  return wrk.format("PUT", prefix .. ids[n % 3 + 1], headers, body)
end
