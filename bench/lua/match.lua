-- Entra's matching queries with random keys (entra-provisioning.md §2, §3):
--   by=userName   GET /Users?filter=userName eq "<existing>"
--   by=missing    GET /Users?filter=userName eq "<random GUID>"  (Test Connection)
--   by=externalId GET /Users?filter=externalId eq "<existing>"
--   by=email      GET /Users?filter=emails[type eq "work"].value eq "<existing>"
--   by=group      GET /Groups?excludedAttributes=members&filter=displayName eq "<existing>"  (groups=N)
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local build
common.scenario(function(a)
  local groups = tonumber(a.groups or "1")
  build = ({
    userName = common.match_user,
    missing = common.match_missing,
    externalId = common.match_external_id,
    email = common.match_email,
    group = function() return common.match_group(groups) end,
  })[a.by]
  assert(build, "match.lua: unknown by=" .. tostring(a.by))
  common.expect = a.by == "missing" and '"totalResults":0,' or '"totalResults":1,'

end, function() return build() end)
