-- GET of the URL on the command line, or, with BENCH_PATHS set, of a random path from that file.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
done = report.done

local paths = nil
local file = os.getenv("BENCH_PATHS")
if file and file ~= "" then
  paths = report.lines(file)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  if paths then
    return wrk.format("GET", paths[math.random(#paths)])
  end
  return wrk.format("GET")
end
