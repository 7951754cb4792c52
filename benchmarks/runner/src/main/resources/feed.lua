-- Feeds wrk requests prepared (and signed) by the benchmark: one file per wrk thread, one request per line,
-- "<header value>\t<body>". Each line is sent once and a thread whose file is used up stops, unless the fourth
-- argument is "cycle" (for the ceiling app, to which a repeated request is no different from a new one).
-- Arguments: <file prefix> <header name> <content type> [cycle].
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local lines = {}
local next_line = 0
local header_name
local content_type
local cycle

function init(args)
  header_name = args[2]
  content_type = args[3]
  cycle = args[4] == "cycle"
  for line in io.lines(args[1] .. "." .. tid) do
    local tab = string.find(line, "\t", 1, true)
    lines[#lines + 1] = { string.sub(line, 1, tab - 1), string.sub(line, tab + 1) }
  end
end

function request()
  next_line = next_line + 1
  if next_line > #lines then
    if cycle then
      next_line = 1
    else
      wrk.thread:stop()
      next_line = #lines
    end
  end
  local prepared = lines[next_line]
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers[header_name] = prepared[1]
  headers["Content-Type"] = content_type
  return wrk.format("POST", nil, headers, prepared[2])
end

function done(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d duration_us=%d errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d " ..
    "errors_status=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
