-- bench/lua/common.lua — shared by the wrk scenario scripts of bench/run.sh.
--
-- Keys of the loaded data set (they mirror bench/load.cc; bench/run.sh checks
-- the two agree through the API before measuring), request helpers, and the
-- wrk hooks every scenario uses: per-thread random seeds, a count of non-2xx
-- answers with the first one kept, a count of 2xx answers that lack the text
-- a scenario expects (M.expect, e.g. '"totalResults":1,': a match that found
-- nothing would otherwise pass unnoticed), and one tab-separated result line:
--   BENCH <requests> <seconds> <req/s> <p50 ms> <p99 ms> <non-2xx> <socket errors> <misses> <first non-2xx or miss>
--
-- Script arguments (after `--` on wrk's command line) are key=value pairs:
--   token=...  users=N  base=/scim/v2  nonce=...  and scenario-specific ones.

local M = {}

local GIVEN = { "mira", "jonas", "aiko", "lena", "omar", "priya", "tomas", "sara", "kwame", "elif",
  "diego", "hanna", "ravi", "chloe", "mateo", "ines", "yusuf", "greta", "noah", "zoe" }
local FAMILY = { "okafor", "lind", "tanaka", "novak", "haddad", "iyer", "berg", "costa", "mensah", "yilmaz",
  "ruiz", "keller", "sharma", "dubois", "rossi", "silva", "demir", "weber", "brown", "moreau" }
M.TITLES = { "Buyer", "Engineer", "Analyst", "Designer", "Accountant", "Recruiter", "Manager", "Consultant",
  "Support", "Researcher" }
M.DEPARTMENTS = { "Procurement", "Engineering", "Finance", "Design", "People", "Sales", "Marketing", "Legal",
  "Operations", "Research" }

M.ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
M.PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

-- user i: "<given>.<family><i>" (mailNickname → externalId), userName and work email
function M.nick(i)
  return GIVEN[i % 20 + 1] .. "." .. FAMILY[math.floor(i / 20) % 20 + 1] .. i
end
function M.user_name(i) return M.nick(i) .. "@bench.example" end
function M.email(i) return M.nick(i) .. "@mail.bench.example" end

-- bench_id() of bench/load.cc: kind 0 users, 1 membership groups, 2 named groups
function M.id(kind, i)
  local h = ((i + 1) * 2654435761 + kind * 40503) % 4294967296
  return string.format("%08x-%04x-4000-8000-%012x", h, kind, i)
end

-- Form encoding, as Entra sends filters (spaces as '+', '"' as %22).
function M.form(s)
  return (s:gsub("[^%w%-%._~]", function(c)
    if c == " " then return "+" end
    return string.format("%%%02X", string.byte(c))
  end))
end

function M.guid()
  return string.format("%08x-%04x-4%03x-%04x-%012x", math.random(0, 0xffffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffffff) * 65536 + math.random(0, 0xffff))
end

function M.parse_args(args)
  local out = {}
  for _, a in ipairs(args or {}) do
    local k, v = a:match("^([^=]+)=(.*)$")
    if k then out[k] = v end
  end
  return out
end

-- Hooks -------------------------------------------------------------------------

local threads = {}
local next_id = 0

-- Installs setup/init/response/done; `on_init(args, thread_id)` prepares
-- the thread's state, `make_request()` returns one request each call.
function M.scenario(on_init, make_request)
  function setup(thread)
    thread:set("tid", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
  end

  function init(args)
    local a = M.parse_args(args)
    math.randomseed(os.time() * 1000 + tid * 7919 + (tonumber(a.seed) or 0))
    for _ = 1, 10 do math.random() end
    M.a = a
    M.headers = { ["Authorization"] = "Bearer " .. (a.token or ""), ["Accept"] = "application/scim+json" }
    M.json_headers = { ["Authorization"] = "Bearer " .. (a.token or ""), ["Accept"] = "application/scim+json",
      ["Content-Type"] = "application/scim+json" }
    M.base = a.base or "/scim/v2"
    M.users = tonumber(a.users or "1") or 1
    bad = 0
    misses = 0
    first_bad = ""
    on_init(a, tid)
  end

  request = make_request

  function response(status, headers, body)
    if status < 200 or status > 299 then
      bad = bad + 1
    elseif M.expect and not (body and body:find(M.expect, 1, true)) then
      misses = misses + 1
    else
      return
    end
    if first_bad == "" then
      first_bad = status .. " " .. tostring(body or ""):sub(1, 400):gsub("[\t\r\n]", " ")
    end
  end

  function done(summary, latency, requests)
    local non2xx, missed, first = 0, 0, ""
    for _, t in ipairs(threads) do
      non2xx = non2xx + (t:get("bad") or 0)
      missed = missed + (t:get("misses") or 0)
      if first == "" then first = t:get("first_bad") or "" end
    end
    local e = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format("BENCH\t%d\t%.3f\t%.1f\t%.3f\t%.3f\t%d\t%d\t%d\t%s\n", summary.requests, seconds,
      summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx,
      e.connect + e.read + e.write + e.timeout, missed, first))
  end
end

-- Request builders shared by the scenarios and the mix ---------------------------

function M.get(path) return wrk.format("GET", path, M.headers) end

function M.filter_users(expr) return M.get(M.base .. "/Users?filter=" .. M.form(expr)) end

function M.random_user() return math.random(0, M.users - 1) end

function M.match_user() return M.filter_users('userName eq "' .. M.user_name(M.random_user()) .. '"') end
function M.match_missing() return M.filter_users('userName eq "' .. M.guid() .. '"') end
function M.match_external_id() return M.filter_users('externalId eq "' .. M.nick(M.random_user()) .. '"') end
function M.match_email()
  return M.filter_users('emails[type eq "work"].value eq "' .. M.email(M.random_user()) .. '"')
end
function M.get_user() return M.get(M.base .. "/Users/" .. M.id(0, M.random_user())) end

function M.match_group(groups)
  local g = math.random(0, groups - 1)
  return M.get(M.base .. "/Groups?excludedAttributes=members&filter=" ..
    M.form('displayName eq "bench-group-' .. g .. '"'))
end

function M.patch(path, operations)
  return wrk.format("PATCH", M.base .. path, M.json_headers,
    '{"schemas":["' .. M.PATCH_OP .. '"],"Operations":[' .. operations .. ']}')
end

-- Entra's default-job update: one Replace per attribute.
function M.patch_title_department(i)
  local t = M.TITLES[math.random(1, #M.TITLES)] .. " " .. math.random(1, 999)
  local d = M.DEPARTMENTS[math.random(1, #M.DEPARTMENTS)] .. " " .. math.random(1, 999)
  return M.patch("/Users/" .. M.id(0, i),
    '{"op":"Replace","path":"title","value":"' .. t .. '"},' ..
    '{"op":"Replace","path":"' .. M.ENTERPRISE .. ':department","value":"' .. d .. '"}')
end

-- Entra's default-job deactivation: the string "False".
function M.patch_active_false(i)
  return M.patch("/Users/" .. M.id(0, i), '{"op":"Replace","path":"active","value":"False"}')
end

function M.patch_member(group_id, op, user)
  return M.patch("/Groups/" .. group_id,
    '{"op":"' .. op .. '","path":"members","value":[{"value":"' .. M.id(0, user) .. '"}]}')
end

-- Entra's POST /Users body with the default mappings (entra-provisioning.md §4.1).
function M.user_body(name)
  return '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","' .. M.ENTERPRISE .. '"],' ..
    '"externalId":"' .. name .. '","userName":"' .. name .. '@bench.example","active":true,' ..
    '"displayName":"New ' .. name .. '","title":"Buyer","preferredLanguage":"en-US",' ..
    '"emails":[{"primary":true,"type":"work","value":"' .. name .. '@mail.bench.example"}],' ..
    '"phoneNumbers":[{"type":"work","value":"+1 206 555 0142"},{"type":"mobile","value":"206-555-0199"}],' ..
    '"addresses":[{"type":"work","streetAddress":"1 Harbor Way","locality":"Seattle","region":"WA",' ..
    '"postalCode":"98101","country":"US"}],' ..
    '"name":{"formatted":"New ' .. name .. '","familyName":"' .. name .. '","givenName":"New"},' ..
    '"' .. M.ENTERPRISE .. '":{"employeeNumber":"' .. name .. '","department":"Procurement"},' ..
    '"meta":{"resourceType":"User"},"roles":[]}'
end
function M.create_user(name)
  return wrk.format("POST", M.base .. "/Users", M.json_headers, M.user_body(name))
end

-- The many-tenants scenario's token of tenant k (tenant_token() of bench/load.cc).
function M.tenant_token(k)
  return string.format("fscim_benchtenant%032d", k)
end

-- Membership: user k*stride + r (0 < r < stride) is never a member of the
-- group of `size` members loaded by bench/load.cc.  Each thread adds such a
-- user and removes it again once 2 × connections later requests have gone
-- out, so the group keeps its size and every request changes it.
function M.membership(group_id, size, lag)
  local stride = math.floor(M.users / size)
  local added = {}
  local head, tail = 1, 0
  return function()
    if tail - head + 1 > lag then
      local u = added[head]
      added[head] = nil
      head = head + 1
      return M.patch_member(group_id, "Remove", u)
    end
    local u = math.random(0, size - 1) * stride + math.random(1, stride - 1)
    tail = tail + 1
    added[tail] = u
    return M.patch_member(group_id, "Add", u)
  end
end

return M
