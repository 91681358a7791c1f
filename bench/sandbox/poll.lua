-- wrk script: getUpdates with timeout=0 and nothing pending
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"timeout":0,"limit":100}'
