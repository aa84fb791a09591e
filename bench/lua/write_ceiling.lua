-- The write ceiling (bench/fcgi_write, at /bench/write on the same nginx):
--   what=insert   POST /bench/write?u=…   one INSERT of Entra's POST /Users
--                                         body (about 1 KB) as a new user;
--                                         userNames unique per run (nonce=…),
--                                         thread and request
--   what=update   PUT /bench/write?id=…   one UPDATE of a random user among
--                                         the first `ceiling_users` of the
--                                         ceiling's tenant, the same body as
--                                         its new document
--   tx=1                                  either write as the round trips
--                                         fastscimd's store makes for it
--                                         (bench/fcgi_write says which)
--   tx=proc                               the same statements with the
--                                         transaction in one stored procedure
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local what, prefix, n, ceiling_users, tx = "insert", "", 0, 1, ""
common.scenario(function(a, tid)
  what = a.what or "insert"
  prefix = "ceiling." .. (a.nonce or "x") .. "." .. tid .. "."
  ceiling_users = tonumber(a.ceiling_users or "1")
  if a.tx then tx = "&tx=" .. a.tx end
end, function()
  n = n + 1
  local name = prefix .. n
  if what == "insert" then
    return wrk.format("POST", "/bench/write?u=" .. common.form(name .. "@bench.example") .. tx, common.json_headers,
      common.user_body(name))
  end
  return wrk.format("PUT", "/bench/write?id=" .. common.id(0, math.random(0, ceiling_users - 1)) .. tx, common.json_headers,
    common.user_body(name))
end)
