-- wrk script of benchmarks/soak.py: rotates over a mix of URLs and checks every answer's status.
--
--   wrk -t4 -c4 -s benchmarks/soak.lua http://127.0.0.1:PORT -- mix.lua
--
-- mix.lua (written by soak.py) sets `paths` and `expected`, the status each path must answer.
-- One connection per thread, so a thread's answers come in the order of its requests and each
-- is checked against the path it answers. done() prints, one a line:
--   status <code> <count>
--   unexpected <count> <status> <path>
--   errors <connect> <read> <write> <timeout>

local threads = {}

function setup(thread)
   thread:set("thread_number", #threads)
   table.insert(threads, thread)
end

function init(args)
   dofile(args[1])
   -- threads start at different places in the mix, so that they do not ask for the same URL at once
   counter = math.floor(thread_number * #paths / 7)
   statuses = {}
   unexpected = {}
end

function request()
   counter = counter + 1
   current = counter % #paths + 1
   return wrk.format("GET", paths[current])
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status ~= expected[current] then
      local key = status .. " " .. paths[current]
      unexpected[key] = (unexpected[key] or 0) + 1
   end
end

function done(summary, latency, requests)
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         io.write(string.format("status %d %d\n", status, count))
      end
      for key, count in pairs(thread:get("unexpected")) do
         io.write(string.format("unexpected %d %s\n", count, key))
      end
   end
   local errors = summary.errors
   io.write(string.format("errors %d %d %d %d\n", errors.connect, errors.read, errors.write, errors.timeout))
end
