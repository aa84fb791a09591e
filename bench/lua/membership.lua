-- PATCH /Groups/{id}: add one member, later remove it again (Entra's shapes:
-- Add/Remove with path "members" and a value array), on the membership group
-- group=<m> of size=<members> loaded by bench/load.cc.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local next_request
common.scenario(function(a)
  local per_thread = math.max(1, math.floor(tonumber(a.connections or "16") / tonumber(a.threads or "1")))
  next_request = common.membership(common.id(1, tonumber(a.group or "0")), tonumber(a.size or "10"), 2 * per_thread)
end, function() return next_request() end)
