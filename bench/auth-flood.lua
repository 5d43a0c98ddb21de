-- wrk script for auth-flood.sh: POST /register with a new user name on every request (strong password),
-- so that each request that gets through the limits costs one password hash.
local counter = 0
local prefix = "flood" .. tostring(math.random(1, 1000000000)) .. "x"

request = function()
  counter = counter + 1
  local body = "username=" .. prefix .. counter .. "&password=Fl00d!Passw0rd"
  return wrk.format("POST", "/register", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
