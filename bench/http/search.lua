-- GET /api/v1/search?q=...: a name search with prefixes taken from PATRONAGE_SEARCH_TERMS.
package.path = (os.getenv("PATRONAGE_BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
local terms, n, headers

local function escape(s)
  return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  terms = common.read_lines(os.getenv("PATRONAGE_SEARCH_TERMS"))
  n = (thread_index or 0) * 3
  headers = common.headers()
end

function request()
  n = n + 1
  return wrk.format("GET", "/api/v1/search?q=" .. escape(terms[(n % #terms) + 1]), headers)
end
