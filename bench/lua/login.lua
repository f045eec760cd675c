-- POST /auth/login as the seeded users in turn. Each request claims its own client address so the
-- per-client login limit (20 a minute) measures nothing here; cycling through the users keeps each
-- email far under its own limit. The address is only a header value: no traffic goes anywhere but
-- the loopback server.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
done = report.done

local users = tonumber(os.getenv("BENCH_USERS"))
local password = os.getenv("BENCH_PASSWORD")
-- thread_id is a global that setup() puts into each thread's own Lua state.
local next_user = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function init(args)
  next_user = (thread_id or 0) * 7919
end

function request()
  next_user = next_user + 1
  local body = string.format('{"email":"bench-user-%d@bench.local","password":"%s"}', next_user % users, password)
  return wrk.format("POST", "/api/v1/auth/login", {
    ["Content-Type"] = "application/json",
    ["CF-Connecting-IP"] = string.format("bench-client-%d-%d", thread_id or 0, next_user),
  }, body)
end
