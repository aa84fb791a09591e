-- Baselines on the same nginx (bench/run.sh adds the locations):
--   what=static   GET /bench/static   nginx answers a fixed body itself
--   what=fcgi     GET /bench/fcgi     bench/fcgi_trivial: libfcgi, fixed body
--   what=db       GET /bench/db?u=…   bench/fcgi_db: one prepared point SELECT by
--                                     userName of a random loaded user
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local what
common.scenario(function(a) what = a.what end, function()
  if what == "db" then
    return common.get("/bench/db?u=" .. common.form(common.user_name(common.random_user())))
  end
  return common.get("/bench/" .. what)
end)
