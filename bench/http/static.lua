-- nginx's side of the comparison: the same bytes as a case JSON, from a static file.
function request()
  return wrk.format("GET", "/case.json")
end
