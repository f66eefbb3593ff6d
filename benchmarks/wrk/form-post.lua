-- benchmarks/wrk/form-post.lua — wrk posts a form, a new request id every time (benchmarks/write-path.sh).
--   FORM_BODY   the form's fields, URL-encoded, antiforgery token included (the cookie comes with -H "Cookie: ...")
--   FORM_RUN    8 hex digits, new for every run: request ids never repeat across runs
--   FORM_CASES  (a step) a file of "reference version seen-sequence" lines: each post goes to the next case of this
--               thread's share (thread i of n takes lines i, i+n, ...), to /cases/<reference>/<FORM_STEP>
--   FORM_STEP   the step's page, e.g. apologize
--   FORM_THREADS wrk's -t (each thread's Lua state is separate: it cannot count the others)
-- done() prints "status <code> <count>" lines and "cases <used> <available>".
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(os.getenv("FORM_THREADS"))
  run = os.getenv("FORM_RUN")
  body = os.getenv("FORM_BODY")
  step = os.getenv("FORM_STEP")
  if step == "" then step = nil end
  counts = {}
  used = 0
  cases = {}
  local file = os.getenv("FORM_CASES")
  if file and file ~= "" then
    local i = 0
    for line in io.lines(file) do
      if i % nthreads == tid - 1 then table.insert(cases, line) end
      i = i + 1
    end
  end
  available = #cases
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  used = used + 1
  local id = string.format("%s-%04x-4000-8000-%012x", run, tid, used)
  if step then
    -- Past the end of the list the cases are reused: those posts are refused (the step was taken) and counted.
    local ref, version, seq = cases[(used - 1) % available + 1]:match("(%S+) (%S+) (%S+)")
    return wrk.format("POST", "/cases/" .. ref .. "/" .. step, nil,
      body .. "&Data.Version=" .. version .. "&Data.SeenSequence=" .. seq .. "&Data.RequestId=" .. id)
  end
  return wrk.format("POST", nil, nil,
    body .. "&Data.CustomerName=Bench+Guest+" .. run .. "-" .. tid .. "-" .. used .. "&Data.RequestId=" .. id)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, used_all, available_all = {}, 0, 0
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("counts")) do total[code] = (total[code] or 0) + n end
    used_all = used_all + t:get("used")
    available_all = available_all + t:get("available")
  end
  for code, n in pairs(total) do io.write(string.format("status %d %d\n", code, n)) end
  io.write(string.format("cases %d %d\n", used_all, available_all))
end
