-- wrk script: sendMessage with a JSON body (chat 9100000000 is created by run.sh)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"chat_id":9100000000,"text":"wrk <b>load</b>","parse_mode":"HTML"}'
