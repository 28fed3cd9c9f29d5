-- Shared by the scenario scripts: the session cookie, the CSRF token and the
-- ids come from environment variables set by run.sh (one login up front).
local M = {}

M.cookie = os.getenv("PATRONAGE_COOKIE") or ""
M.csrf = os.getenv("PATRONAGE_CSRF") or ""

function M.read_lines(path)
  local out = {}
  if path == nil or path == "" then
    return out
  end
  for line in io.lines(path) do
    if line ~= "" then
      out[#out + 1] = line
    end
  end
  return out
end

function M.headers(extra)
  local h = { ["Cookie"] = "patronage_session=" .. M.cookie, ["Accept-Language"] = "en" }
  for k, v in pairs(extra or {}) do
    h[k] = v
  end
  return h
end

-- Each wrk thread starts at a different place in the id list. With several server processes
-- (PATRONAGE_PORTS="p1 p2", run.sh --processes) the threads go to the ports in turn, so each
-- process gets the connections of its threads (wrk -t must be a multiple of the processes).
local ports = {}
for port in (os.getenv("PATRONAGE_PORTS") or ""):gmatch("%d+") do
  ports[#ports + 1] = port
end
local thread_counter = 0
function M.setup(thread)
  thread:set("thread_index", thread_counter)
  if #ports > 1 then
    thread.addr = wrk.lookup("127.0.0.1", ports[(thread_counter % #ports) + 1])[1]
  end
  thread_counter = thread_counter + 1
end

return M
