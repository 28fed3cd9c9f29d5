-- POST /api/v1/cases/{id}/visits: record a planned visit, spread over many cases (durable write).
package.path = (os.getenv("PATRONAGE_BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
local ids, n, headers, body

function init(args)
  ids = common.read_lines(os.getenv("PATRONAGE_WRITE_IDS"))
  n = (thread_index or 0) * 11
  headers = common.headers({ ["Content-Type"] = "application/json", ["X-CSRF-Token"] = common.csrf })
  body = '{"planned_on":"' .. os.date("!%Y-%m-%d") .. '","kind":"home","purpose":"wrk benchmark"}'
end

function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/cases/" .. ids[(n % #ids) + 1] .. "/visits", headers, body)
end
