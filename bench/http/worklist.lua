-- GET /api/v1/worklist: the signed-in specialist's work list.
package.path = (os.getenv("PATRONAGE_BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
local headers

function init(args)
  headers = common.headers()
end

function request()
  return wrk.format("GET", "/api/v1/worklist", headers)
end
