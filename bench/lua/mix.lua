-- An incremental Entra cycle: mostly match GETs, some PATCHes, few POSTs.
-- Proportions (percent of requests):
--   65 GET /Users?filter=userName eq <existing>     10 GET /Users/{id}
--    2 GET /Users?filter=userName eq <missing>        2 POST /Users
--   12 PATCH user title + department                  3 PATCH user active "False"
--    4 PATCH group add/remove one member (named groups)
--    2 GET /Groups?filter=displayName eq …&excludedAttributes=members
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local table_, prefix, n, groups, pending = {}, "", 0, 1, {}
local function add(weight, f) for _ = 1, weight do table.insert(table_, f) end end

common.scenario(function(a, tid)
  prefix = "mix." .. (a.nonce or "x") .. "." .. tid .. "."
  groups = tonumber(a.groups or "1")
  add(65, common.match_user)
  add(10, common.get_user)
  add(2, common.match_missing)
  add(2, function() n = n + 1; return common.create_user(prefix .. n) end)
  add(12, function() return common.patch_title_department(common.random_user()) end)
  add(3, function() return common.patch_active_false(common.random_user()) end)
  add(4, function()
    -- remove what this thread added earlier, else add a random user
    if #pending > 8 then
      local p = table.remove(pending, 1)
      return common.patch_member(p[1], "Remove", p[2])
    end
    local g, u = common.id(2, math.random(0, groups - 1)), common.random_user()
    table.insert(pending, { g, u })
    return common.patch_member(g, "Add", u)
  end)
  add(2, function() return common.match_group(groups) end)
  assert(#table_ == 100)
end, function() return table_[math.random(1, 100)]() end)
