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

-- Each wrk thread starts at a different place in the id list.
local thread_counter = 0
function M.setup(thread)
  thread:set("thread_index", thread_counter)
  thread_counter = thread_counter + 1
end

return M
