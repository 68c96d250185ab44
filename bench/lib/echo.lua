-- wrk: POST a small JSON document (the echo handler answers it back)
wrk.method = "POST"
wrk.body = '{"id":42,"name":"fazt","tags":["a","b","c"],"nested":{"ok":true,"n":3.5}}'
wrk.headers["Content-Type"] = "application/json"
