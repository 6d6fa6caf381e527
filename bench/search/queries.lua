-- wrk script: cycles through the request paths listed (one a line) in the file named by the
-- QUERIES environment variable; each wrk thread starts at a different place in the list.
local paths = {}
for line in io.lines(os.getenv("QUERIES")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0
local i = 0

function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7919)
end

function init(args)
  i = (start or 0) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
