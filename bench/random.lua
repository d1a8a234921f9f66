-- GET a random path of the file given after --, with the -H headers.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
local paths = {}
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(id * 7919 + os.time())
end
function request()
  return wrk.format(nil, paths[math.random(#paths)])
end
