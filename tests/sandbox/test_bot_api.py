"""Bot API methods against a running fitbot-sandbox: envelope, auth, every
method, every body encoding, files kept and readable."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import TOKEN, SandboxCase, main  # noqa: E402

UID = 7000000001


class Envelope(SandboxCase):
    def test_get_me(self):
        r = self.sb.bot("getMe")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.ok)
        me = r.result
        self.assertEqual(me["id"], 123456)
        self.assertTrue(me["is_bot"])
        self.assertTrue(me["username"].endswith("_bot"))

    def test_wrong_token_is_401(self):
        self.assertBad(self.sb.bot("getMe", token="999:nope"), 401, "Unauthorized")

    def test_unknown_method_is_404(self):
        self.assertBad(self.sb.bot("frobnicate"), 404, "Not Found")

    def test_method_names_ignore_case(self):
        self.assertTrue(self.sb.bot("getme").ok)

    def test_unknown_path_is_404(self):
        self.assertEqual(self.sb.request("GET", "/nothing").status, 404)

    def test_token_never_echoed(self):
        r = self.sb.bot("sendMessage", chat_id=1, text="x")
        self.assertNotIn(TOKEN.encode(), r.raw)


class VerboseLog(SandboxCase):
    sandbox_args = {"extra_args": ["--verbose"]}

    def test_log_lines_never_hold_the_token(self):
        self.sb.bot("getMe")
        self.sb.bot("sendMessage", chat_id=1, text=TOKEN)
        self.sb.request("GET", "/file/bot%s/documents/x" % TOKEN)
        self.sb.ctl("GET", "counters")
        rc = self.sb.stop()
        self.assertEqual(rc, 0)
        log = self.sb.stderr
        self.assertIn("side=bot method=getMe status=200", log)
        self.assertIn("side=bot method=sendMessage status=400", log)
        self.assertIn("side=control method=counters status=200", log)
        self.assertNotIn(TOKEN, log)
        self.assertNotIn(TOKEN.split(":")[1], log)


class Sending(SandboxCase):
    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Asha", last_name="K", username="asha")

    def test_send_message_json(self):
        kb = {"inline_keyboard": [[{"text": "Yes", "callback_data": "y:1"},
                                   {"text": "Site", "url": "https://example.org"}]]}
        r = self.sb.bot("sendMessage", chat_id=UID, text="Hello", reply_markup=kb)
        self.assertTrue(r.ok, r)
        m = r.result
        self.assertEqual(m["text"], "Hello")
        self.assertEqual(m["chat"]["id"], UID)
        self.assertEqual(m["chat"]["type"], "private")
        self.assertTrue(m["from"]["is_bot"])
        self.assertEqual(m["reply_markup"], kb)
        t = self.sb.transcript(UID)
        self.assertEqual(len(t), 1)
        self.assertEqual(t[0]["from"], "bot")
        self.assertEqual(t[0]["reply_markup"], kb)

    def test_send_message_form_and_query(self):
        kb = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        r = self.sb.bot_form("sendMessage", chat_id=UID, text="form body", reply_markup=kb)
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["reply_markup"], kb)
        r = self.sb.bot_query("sendMessage", chat_id=UID, text="query string")
        self.assertTrue(r.ok, r)
        texts = [m["text"] for m in self.sb.transcript(UID)]
        self.assertEqual(texts, ["form body", "query string"])

    def test_send_message_multipart_fields(self):
        r = self.sb.bot_multipart("sendMessage", {"chat_id": UID, "text": "multi"}, {})
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["text"], "multi")

    def test_html_becomes_text_and_entities(self):
        r = self.sb.bot("sendMessage", chat_id=UID, parse_mode="HTML",
                        text='<b>Bold</b> &amp; <a href="https://x.org">link</a> &lt;3 &#128512;')
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["text"], "Bold & link <3 \U0001F600")
        ents = r.result["entities"]
        self.assertIn({"type": "bold", "offset": 0, "length": 4}, ents)
        self.assertIn({"type": "text_link", "offset": 7, "length": 4, "url": "https://x.org"}, ents)
        t = self.sb.transcript(UID)
        self.assertIn("<b>Bold</b>", t[0]["html"])

    def test_ids_are_64_bit_exact(self):
        big = 4611686018427387905  # 2^62 + 1: not representable as a double
        # raw JSON numbers beyond 2^53 are read exactly (Python writes them so)
        self.sb.user(big, "Big")
        r = self.sb.bot("sendMessage", chat_id=big, text="hi")
        self.assertTrue(r.ok, r)
        self.assertIn(b'"id":%d' % big, r.raw)
        self.assertEqual(r.result["chat"]["id"], big)
        r = self.sb.bot_form("sendMessage", chat_id=str(big), text="form")  # and as text
        self.assertTrue(r.ok, r)
        self.sb.send(big, "hello")
        u = self.sb.bot("getUpdates")
        self.assertEqual(u.result[0]["message"]["from"]["id"], big)
        self.assertIn(b'"id":%d' % big, u.raw)
        scope = {"type": "chat", "chat_id": big}
        self.assertTrue(self.sb.bot("setMyCommands", commands=[{"command": "a", "description": "b"}],
                                    scope=scope).ok)
        self.assertEqual(len(self.sb.ctl("GET", "commands", scope="chat:%d" % big).result), 1)
        # beyond int64: refused, not wrapped
        self.assertBad(self.sb.bot("sendMessage", chat_id=2 ** 64 + 5, text="x"), 400, "chat not found")
        self.assertBad(self.sb.ctl("POST", "users", {"id": 2 ** 63, "first_name": "x"}), 400, "id")
        # a long digit string inside a text stays text
        r = self.sb.bot("sendMessage", chat_id=big, text="ref 12345678901234567890 \"q\" 1234567890123456789")
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["text"], "ref 12345678901234567890 \"q\" 1234567890123456789")

    def test_reply_to_message(self):
        first = self.sb.bot("sendMessage", chat_id=UID, text="one").result
        r = self.sb.bot("sendMessage", chat_id=UID, text="two", reply_to_message_id=first["message_id"])
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["reply_to_message"]["message_id"], first["message_id"])
        self.assertBad(self.sb.bot("sendMessage", chat_id=UID, text="x", reply_to_message_id=9999),
                       400, "message to be replied not found")
        r = self.sb.bot("sendMessage", chat_id=UID, text="x", reply_to_message_id=9999,
                        allow_sending_without_reply=True)
        self.assertTrue(r.ok, r)

    def test_send_chat_action_and_get_chat(self):
        self.assertTrue(self.sb.bot("sendChatAction", chat_id=UID, action="typing").ok)
        r = self.sb.bot("getChat", chat_id=UID)
        self.assertEqual(r.result["first_name"], "Asha")
        self.assertBad(self.sb.bot("getChat", chat_id=42), 400, "chat not found")


class Files(SandboxCase):
    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Asha")

    def test_send_document_keeps_bytes(self):
        data = bytes(range(256)) * 40
        r = self.sb.bot_multipart("sendDocument", {"chat_id": UID, "caption": "invoice"},
                                  {"document": ("inv.pdf", data, "application/pdf")})
        self.assertTrue(r.ok, r)
        doc = r.result["document"]
        self.assertEqual(doc["file_name"], "inv.pdf")
        self.assertEqual(doc["mime_type"], "application/pdf")
        self.assertEqual(doc["file_size"], len(data))
        self.assertEqual(r.result["caption"], "invoice")
        t = self.sb.transcript(UID)
        got = self.sb.request("GET", t[0]["document"]["url"])
        self.assertEqual(got.status, 200)
        self.assertEqual(got.raw, data)
        f = self.sb.bot("getFile", file_id=doc["file_id"]).result
        got = self.sb.request("GET", "/file/bot%s/%s" % (TOKEN, f["file_path"]))
        self.assertEqual(got.raw, data)
        again = self.sb.bot("sendDocument", chat_id=UID, document=doc["file_id"])
        self.assertTrue(again.ok, again)
        self.assertEqual(again.result["document"]["file_id"], doc["file_id"])

    def test_send_photo_reads_png_size(self):
        png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x40\x00\x00\x00\xf0" + b"\x00" * 40)
        r = self.sb.bot_multipart("sendPhoto", {"chat_id": UID}, {"photo": ("p.png", png, "image/png")})
        self.assertTrue(r.ok, r)
        ps = r.result["photo"][-1]
        self.assertEqual((ps["width"], ps["height"]), (320, 240))
        t = self.sb.transcript(UID)
        self.assertEqual(self.sb.request("GET", t[0]["photo"]["url"]).raw, png)

    def test_attach_reference(self):
        r = self.sb.bot_multipart("sendDocument", {"chat_id": UID, "document": "attach://f1"},
                                  {"f1": ("a.txt", b"abc", "text/plain")})
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["document"]["file_size"], 3)

    def test_file_errors(self):
        self.assertBad(self.sb.bot("sendDocument", chat_id=UID), 400, "there is no document in the request")
        self.assertBad(self.sb.bot("sendPhoto", chat_id=UID), 400, "there is no photo in the request")
        self.assertBad(self.sb.bot("sendPhoto", chat_id=UID, photo="nonexistent"), 400,
                       "wrong file identifier")
        r = self.sb.bot_multipart("sendDocument", {"chat_id": UID}, {"document": ("e.txt", b"", "text/plain")})
        self.assertBad(r, 400, "file must be non-empty")
        self.assertBad(self.sb.bot("getFile", file_id="nope"), 400, "invalid file_id")
        self.assertEqual(self.sb.request("GET", "/sandbox/files/nope").status, 404)


class Editing(SandboxCase):
    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Asha")
        kb = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        self.kb = kb
        self.msg = self.sb.bot("sendMessage", chat_id=UID, text="v1", reply_markup=kb).result

    def test_edit_text_records_history(self):
        mid = self.msg["message_id"]
        kb2 = {"inline_keyboard": [[{"text": "B", "callback_data": "b"}]]}
        r = self.sb.bot("editMessageText", chat_id=UID, message_id=mid, text="v2", reply_markup=kb2)
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["text"], "v2")
        self.assertIn("edit_date", r.result)
        t = self.sb.transcript(UID)
        self.assertEqual(len(t), 1)
        self.assertEqual(t[0]["text"], "v2")
        self.assertEqual(t[0]["edits"][0]["text"], "v2")
        self.assertEqual(t[0]["edits"][0]["reply_markup"], kb2)
        self.assertEqual(t[0]["original"]["text"], "v1")
        self.assertEqual(t[0]["original"]["reply_markup"], self.kb)
        self.sb.bot("editMessageText", chat_id=UID, message_id=mid, text="v3")
        t = self.sb.transcript(UID)
        self.assertEqual([e["text"] for e in t[0]["edits"]], ["v2", "v3"])
        self.assertEqual(t[0]["original"]["text"], "v1")
        self.assertEqual(self.sb.counters()["edits"], 2)

    def test_edit_without_markup_removes_keyboard(self):
        r = self.sb.bot("editMessageText", chat_id=UID, message_id=self.msg["message_id"], text="v2")
        self.assertTrue(r.ok, r)
        self.assertNotIn("reply_markup", r.result)
        self.assertIsNone(self.sb.transcript(UID)[0]["reply_markup"])

    def test_not_modified(self):
        r = self.sb.bot("editMessageText", chat_id=UID, message_id=self.msg["message_id"], text="v1",
                        reply_markup=self.kb)
        self.assertBad(r, 400, "message is not modified")
        r = self.sb.bot("editMessageReplyMarkup", chat_id=UID, message_id=self.msg["message_id"],
                        reply_markup=self.kb)
        self.assertBad(r, 400, "message is not modified")

    def test_edit_reply_markup(self):
        kb2 = {"inline_keyboard": [[{"text": "Z", "callback_data": "z"}]]}
        r = self.sb.bot("editMessageReplyMarkup", chat_id=UID, message_id=self.msg["message_id"],
                        reply_markup=kb2)
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["reply_markup"], kb2)
        self.assertEqual(r.result["text"], "v1")
        r = self.sb.bot("editMessageReplyMarkup", chat_id=UID, message_id=self.msg["message_id"])
        self.assertTrue(r.ok, r)
        self.assertNotIn("reply_markup", r.result)

    def test_edit_errors(self):
        self.assertBad(self.sb.bot("editMessageText", chat_id=UID, message_id=999, text="x"), 400,
                       "message to edit not found")
        self.assertBad(self.sb.bot("editMessageText", chat_id=UID, text="x"), 400,
                       "message identifier is not specified")
        self.assertBad(self.sb.bot("editMessageText", chat_id=555, message_id=1, text="x"), 400, "chat not found")
        user_msg = self.sb.send(UID, "from the user")["message_id"]
        self.assertBad(self.sb.bot("editMessageText", chat_id=UID, message_id=user_msg, text="x"), 400,
                       "message can't be edited")
        self.assertBad(self.sb.bot("editMessageText", chat_id=UID, message_id=self.msg["message_id"], text=""),
                       400, "message text is empty")

    def test_edit_caption(self):
        r = self.sb.bot_multipart("sendDocument", {"chat_id": UID, "caption": "c1"},
                                  {"document": ("a.txt", b"abc", "text/plain")})
        mid = r.result["message_id"]
        r = self.sb.bot("editMessageCaption", chat_id=UID, message_id=mid, caption="c2")
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["caption"], "c2")
        self.assertBad(self.sb.bot("editMessageCaption", chat_id=UID, message_id=self.msg["message_id"],
                                   caption="x"), 400, "there is no caption")

    def test_delete_message(self):
        mid = self.msg["message_id"]
        self.assertTrue(self.sb.bot("deleteMessage", chat_id=UID, message_id=mid).ok)
        self.assertTrue(self.sb.transcript(UID)[0]["deleted"])
        self.assertBad(self.sb.bot("deleteMessage", chat_id=UID, message_id=mid), 400,
                       "message to delete not found")
        self.assertBad(self.sb.bot("editMessageText", chat_id=UID, message_id=mid, text="x"), 400,
                       "message to edit not found")
        self.assertEqual(self.sb.counters()["deletes"], 1)


def ask_sure(sb):
    """A user and a message to them with Yes / No buttons."""
    sb.user(UID, "Asha")
    kb = {"inline_keyboard": [[{"text": "Yes", "callback_data": "y"}, {"text": "No", "callback_data": "n"}]]}
    sb.bot("sendMessage", chat_id=UID, text="Sure?", reply_markup=kb)


class Callbacks(SandboxCase):
    sandbox_args = {"time_scale": 20}

    def setUp(self):
        super().setUp()
        ask_sure(self.sb)

    def test_answer_once(self):
        p = self.sb.press(UID, text="No").result
        r = self.sb.bot("answerCallbackQuery", callback_query_id=p["callback_query_id"], text="Noted",
                        show_alert=True)
        self.assertTrue(r.ok, r)
        info = self.sb.ctl("GET", "callbacks/" + p["callback_query_id"]).result
        self.assertTrue(info["answered"])
        self.assertEqual(info["text"], "Noted")
        self.assertTrue(info["show_alert"])
        self.assertGreaterEqual(info["latency_ms"], 0)
        r = self.sb.bot("answerCallbackQuery", callback_query_id=p["callback_query_id"])
        self.assertBad(r, 400, "query is too old")
        c = self.sb.counters()
        self.assertEqual((c["callbacks_total"], c["callbacks_answered"], c["callbacks_answered_twice"]), (1, 1, 1))

    def test_unknown_and_late(self):
        self.assertBad(self.sb.bot("answerCallbackQuery", callback_query_id="12345"), 400, "query ID is invalid")
        p = self.sb.press(UID, data="y").result
        import time
        time.sleep(16.0 / 20 + 0.2)  # past the 15 s deadline on a 20x clock
        self.assertBad(self.sb.bot("answerCallbackQuery", callback_query_id=p["callback_query_id"]), 400,
                       "query is too old")
        c = self.sb.counters()
        self.assertEqual((c["callbacks_unanswered"], c["callbacks_answered_late"]), (1, 1))

    def test_press_behind_the_getupdates_limit(self):
        """A press behind `limit` unacknowledged updates for its whole window
        is counted apart (a bot cannot fetch it without acknowledging those);
        one handed over in a batch is not, answered or not."""
        import time
        seen = self.sb.press(UID, data="y").result
        for i in range(3):
            self.sb.send(UID, "m%d" % i)
        hidden = self.sb.press(UID, data="n").result
        r = self.sb.bot("getUpdates", limit=4, timeout=0)  # seen + 3 messages
        self.assertEqual([u["update_id"] for u in r.result][0], seen["update_id"])
        self.assertNotIn(hidden["update_id"], [u["update_id"] for u in r.result])
        time.sleep(16.0 / 20 + 0.2)  # both windows over on a 20x clock
        c = self.sb.counters()
        self.assertEqual((c["callbacks_unanswered"], c["callbacks_unseen_behind_limit"]), (2, 1))
        r = self.sb.bot("getUpdates", limit=100, timeout=0)  # handed over late
        self.assertIn(hidden["update_id"], [u["update_id"] for u in r.result])
        self.assertEqual(self.sb.counters()["callbacks_unseen_behind_limit"], 1)

    def test_answer_text_too_long(self):
        p = self.sb.press(UID, data="y").result
        r = self.sb.bot("answerCallbackQuery", callback_query_id=p["callback_query_id"], text="x" * 201)
        self.assertBad(r, 400, "MESSAGE_TOO_LONG")


class CallbacksLastSecond(SandboxCase):
    """A press held behind the getUpdates limit and handed over in the last
    second of its 15 s window is counted apart as well: no answer can make
    the trip back in time (the long chaos run: presses made as PostgreSQL's
    outage filled the limit, handed over 14.9 s later when it was back). One
    handed over with more of its window left is the bot's to answer."""
    sandbox_args = {"time_scale": 5}  # the window is 3 s, its last second 0.2 s

    def setUp(self):
        super().setUp()
        ask_sure(self.sb)

    def test_handed_over_in_the_last_second(self):
        import time
        first = self.sb.send(UID, "m0")
        t0 = time.monotonic()
        early = self.sb.press(UID, data="y").result
        late = self.sb.press(UID, data="n").result
        r = self.sb.bot("getUpdates", limit=1, timeout=0)  # m0: both behind it
        self.assertEqual([u["update_id"] for u in r.result], [first["update_id"]])
        time.sleep(max(0.0, t0 + 12.0 / 5 - time.monotonic()))  # 3 s left
        r = self.sb.bot("getUpdates", offset=first["update_id"] + 1, limit=1, timeout=0)
        self.assertEqual([u["update_id"] for u in r.result], [early["update_id"]])
        time.sleep(max(0.0, t0 + 14.5 / 5 - time.monotonic()))  # 0.5 s left
        r = self.sb.bot("getUpdates", offset=early["update_id"] + 1, limit=1, timeout=0)
        self.assertEqual([u["update_id"] for u in r.result], [late["update_id"]])
        time.sleep(max(0.0, t0 + 16.0 / 5 - time.monotonic()))  # both over
        c = self.sb.counters()
        self.assertEqual((c["callbacks_unanswered"], c["callbacks_unseen_behind_limit"]), (2, 1))
        # the bot's answers, too late for both: the one it could not have
        # answered in time stays apart (a bot answering what it fetches
        # must not be judged worse than one that lets it be)
        for p in (early, late):
            r = self.sb.bot("answerCallbackQuery", callback_query_id=p["callback_query_id"])
            self.assertBad(r, 400, "query is too old")
        c = self.sb.counters()
        self.assertEqual((c["callbacks_unanswered"], c["callbacks_answered_late"],
                          c["callbacks_unseen_behind_limit"]), (2, 2, 1))


class Commands(SandboxCase):
    def test_scopes_and_languages(self):
        default = [{"command": "start", "description": "Start"}]
        admins = [{"command": "ban", "description": "Ban someone"}]
        self.assertTrue(self.sb.bot("setMyCommands", commands=default).ok)
        scope = {"type": "chat", "chat_id": 42}
        self.assertTrue(self.sb.bot("setMyCommands", commands=admins, scope=scope).ok)
        self.assertTrue(self.sb.bot("setMyCommands", commands=admins, language_code="hi").ok)
        self.assertEqual(self.sb.bot("getMyCommands").result, default)
        self.assertEqual(self.sb.bot("getMyCommands", scope=scope).result, admins)
        self.assertEqual(self.sb.bot("getMyCommands", language_code="hi").result, admins)
        self.assertEqual(self.sb.bot("getMyCommands", scope={"type": "all_group_chats"}).result, [])
        self.assertEqual(self.sb.ctl("GET", "commands", scope="chat:42").result, admins)
        self.assertEqual(self.sb.ctl("GET", "commands", scope=json.dumps(scope)).result, admins)
        r = self.sb.bot_form("setMyCommands", commands=default, scope={"type": "all_private_chats"})
        self.assertTrue(r.ok, r)
        self.assertTrue(self.sb.bot("deleteMyCommands").ok)
        self.assertEqual(self.sb.bot("getMyCommands").result, [])

    def test_invalid_commands(self):
        self.assertBad(self.sb.bot("setMyCommands", commands=[{"command": "Bad Cmd", "description": "x"}]),
                       400, "BOT_COMMAND_INVALID")
        self.assertBad(self.sb.bot("setMyCommands", commands=[{"command": "x" * 33, "description": "x"}]),
                       400, "BOT_COMMAND_INVALID")
        self.assertBad(self.sb.bot("setMyCommands", commands=[{"command": "ok", "description": ""}]),
                       400, "description")
        self.assertBad(self.sb.bot("setMyCommands", commands="nope"), 400, "can't parse commands")
        self.assertBad(self.sb.bot("setMyCommands", commands=[], scope={"type": "weird"}), 400, "BotCommandScope")


if __name__ == "__main__":
    main()
