-- 80% case reads, 20% visit writes (every fifth request writes).
package.path = (os.getenv("PATRONAGE_BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
local reads, writes, n, get_headers, post_headers, body

function init(args)
  reads = common.read_lines(os.getenv("PATRONAGE_READ_IDS"))
  writes = common.read_lines(os.getenv("PATRONAGE_WRITE_IDS"))
  n = (thread_index or 0) * 13
  get_headers = common.headers()
  post_headers = common.headers({ ["Content-Type"] = "application/json", ["X-CSRF-Token"] = common.csrf })
  body = '{"planned_on":"' .. os.date("!%Y-%m-%d") .. '","kind":"home","purpose":"wrk benchmark"}'
end

function request()
  n = n + 1
  if n % 5 == 0 then
    return wrk.format("POST", "/api/v1/cases/" .. writes[(n % #writes) + 1] .. "/visits", post_headers, body)
  end
  return wrk.format("GET", "/api/v1/cases/" .. reads[(n % #reads) + 1], get_headers)
end
