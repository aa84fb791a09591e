-- Many tenants: Entra's match (GET /Users?filter=userName eq "<existing>")
-- with the token of a random tenant among `tenants` (bench/load.cc
-- `tenants`: tenant k's token is common.tenant_token(k)) for a random user
-- among its `per_tenant`, so requests spread uniformly over tenants and
-- tokens.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local tenants, per_tenant = 1, 1
common.scenario(function(a)
  tenants = tonumber(a.tenants or "1")
  per_tenant = tonumber(a.per_tenant or "1")
  common.expect = '"totalResults":1,'
end, function()
  local k = math.random(0, tenants - 1)
  local i = math.random(0, per_tenant - 1)
  local headers = { ["Authorization"] = "Bearer " .. common.tenant_token(k), ["Accept"] = "application/scim+json" }
  return wrk.format("GET", common.base .. "/Users?filter=" .. common.form('userName eq "' .. common.user_name(i) .. '"'),
    headers)
end)
