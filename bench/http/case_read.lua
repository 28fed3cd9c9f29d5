-- GET /api/v1/cases/{id}: a case page's JSON (permission-checked and audited).
package.path = (os.getenv("PATRONAGE_BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
local ids, n, headers

function init(args)
  ids = common.read_lines(os.getenv("PATRONAGE_READ_IDS"))
  n = (thread_index or 0) * 7
  headers = common.headers()
end

function request()
  n = n + 1
  return wrk.format("GET", "/api/v1/cases/" .. ids[(n % #ids) + 1], headers)
end
