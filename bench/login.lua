-- wrk script for login.sh: POST /login of the user login.sh registered, with its password, on every request:
-- each request costs one Argon2id verification, one user look-up and one session write.
request = function()
  return wrk.format("POST", "/login", { ["Content-Type"] = "application/x-www-form-urlencoded" }, "username=login-bench&password=B3nch!Passw0rd")
end
