-- POST /Users with Entra's rich body; userNames are unique per run
-- (nonce=…), thread and request.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local prefix, n = "", 0
common.scenario(function(a, tid) prefix = "new." .. (a.nonce or "x") .. "." .. tid .. "." end, function()
  n = n + 1
  return common.create_user(prefix .. n)
end)
