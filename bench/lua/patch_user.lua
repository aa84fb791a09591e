-- PATCH /Users/{id} in Entra's default-job shape:
--   what=title   Replace title and the enterprise department (random users,
--                random values, so every request changes the user)
--   what=active  Replace active "False" (deactivation); users are taken in a
--                scrambled order without repeats from offset=…, so each
--                request deactivates an active user until the run wraps
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local what, offset, step, k, threads, me
common.scenario(function(a, tid)
  what = a.what
  offset = tonumber(a.offset or "0")
  threads = tonumber(a.threads or "1")
  me = tid
  k = 0
end, function()
  if what == "title" then return common.patch_title_department(common.random_user()) end
  -- (offset + k·threads + tid)·P mod users visits distinct users (P prime,
  -- coprime with users); exact in doubles while the product stays < 2^53.
  local n = offset + k * threads + me
  k = k + 1
  return common.patch_active_false((n * 1000003) % common.users)
end)
