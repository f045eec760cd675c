-- PUT /creations/{id}/score: each line of BENCH_PAIRS is "<access token> <creation id>", a user and
-- a creation they do not own. Requests walk the lines in turn (many users, few hot creations), so
-- concurrent writes hit the same rows and no user nears the per-user write limit.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
done = report.done

local pairs_, i = nil, 0

function init(args)
  pairs_ = report.lines(os.getenv("BENCH_PAIRS"))
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  i = math.random(#pairs_)
end

function request()
  i = i % #pairs_ + 1
  local token, id = pairs_[i]:match("^(%S+) (%S+)$")
  local body = string.format('{"creativity":%d,"uniqueness":%d}', math.random(10), math.random(10))
  return wrk.format("PUT", "/api/v1/creations/" .. id .. "/score", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
