"""The user side: users and chats, sending text/commands/photos/documents/
contacts, pressing buttons, transcripts with waits, counters, reset."""
import base64
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7600000001
GROUP = -100200300


class Control(SandboxCase):
    sandbox_args = {"no_limits": True}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Priya", last_name="S", username="priya", language_code="en")

    def update(self):
        r = self.sb.bot("getUpdates")
        self.assertTrue(r.ok, r)
        self.assertGreater(len(r.result), 0)
        last = r.result[-1]
        self.sb.bot("getUpdates", offset=last["update_id"] + 1)
        return last

    def test_user_fields(self):
        self.sb.send(UID, "hi")
        frm = self.update()["message"]["from"]
        self.assertEqual(frm, {"id": UID, "is_bot": False, "first_name": "Priya", "last_name": "S",
                               "username": "priya", "language_code": "en"})
        self.assertBad(self.sb.ctl("POST", "users", {"first_name": "x"}), 400, "id")
        self.assertBad(self.sb.ctl("POST", "users", {"id": -5}), 400, "positive")
        self.assertBad(self.sb.ctl("POST", "send", {"user_id": 1, "text": "x"}), 404, "user not found")

    def test_group_chat(self):
        r = self.sb.ctl("POST", "chats", {"id": GROUP, "type": "group", "title": "Morning batch"})
        self.assertTrue(r.ok, r)
        self.sb.send(UID, "/attendance@bot", chat_id=GROUP)
        m = self.update()["message"]
        self.assertEqual(m["chat"], {"id": GROUP, "type": "group", "title": "Morning batch"})
        self.assertEqual(m["entities"][0]["length"], len("/attendance@bot"))
        self.assertBad(self.sb.ctl("POST", "send", {"user_id": UID, "chat_id": 5, "text": "x"}), 404, "chat")
        self.assertBad(self.sb.ctl("POST", "chats", {"id": 5, "type": "weird"}), 400, "type")

    def test_send_photo_document_contact(self):
        data = b"%PDF-1.4 test"
        self.sb.send(UID, document={"file_name": "r.pdf", "base64": base64.b64encode(data).decode(),
                                    "mime_type": "application/pdf"}, caption="receipt")
        m = self.update()["message"]
        self.assertEqual(m["document"]["file_name"], "r.pdf")
        self.assertEqual(m["caption"], "receipt")
        f = self.sb.bot("getFile", file_id=m["document"]["file_id"]).result
        got = self.sb.request("GET", "/file/bot%s/%s" % (self.sb.tokens[0], f["file_path"]))
        self.assertEqual(got.raw, data)
        self.sb.send(UID, photo={})
        m = self.update()["message"]
        self.assertEqual(len(m["photo"]), 1)
        self.assertEqual((m["photo"][0]["width"], m["photo"][0]["height"]), (1, 1))
        self.sb.send(UID, contact={"phone_number": "+919800000000"})
        m = self.update()["message"]
        self.assertEqual(m["contact"], {"phone_number": "+919800000000", "first_name": "Priya", "user_id": UID})
        self.assertBad(self.sb.ctl("POST", "send", {"user_id": UID}), 400, "give text")
        self.assertBad(self.sb.ctl("POST", "send", {"user_id": UID, "document": {"base64": "!!"}}), 400, "base64")
        self.assertBad(self.sb.ctl("POST", "send", {"user_id": UID, "contact": {}}), 400, "phone_number")
        kinds = [("text" in t, "document" in t, "photo" in t, "contact" in t) for t in self.sb.transcript(UID)]
        self.assertEqual(kinds, [(False, True, False, False), (False, False, True, False),
                                 (False, False, False, True)])

    def test_user_reply(self):
        q = self.sb.bot("sendMessage", chat_id=UID, text="Your weight?", reply_markup={"force_reply": True}).result
        self.sb.send(UID, "72", reply_to_message_id=q["message_id"])
        m = self.update()["message"]
        self.assertEqual(m["reply_to_message"]["text"], "Your weight?")
        self.assertEqual(self.sb.transcript(UID)[-1]["reply_to_message_id"], q["message_id"])
        r = self.sb.ctl("POST", "send", {"user_id": UID, "text": "x", "reply_to_message_id": 999})
        self.assertBad(r, 404, "reply_to_message_id")

    def test_press_by_text_data_and_message(self):
        kb1 = {"inline_keyboard": [[{"text": "Yes", "callback_data": "q:1:yes"}]]}
        kb2 = {"inline_keyboard": [[{"text": "Yes", "callback_data": "q:2:yes"},
                                    {"text": "Docs", "url": "https://example.org"}]]}
        m1 = self.sb.bot("sendMessage", chat_id=UID, text="first", reply_markup=kb1).result
        self.sb.bot("sendMessage", chat_id=UID, text="second", reply_markup=kb2)
        p = self.sb.press(UID, text="Yes").result  # the newest message wins
        cq = self.update()["callback_query"]
        self.assertEqual(cq["data"], "q:2:yes")
        self.assertEqual(cq["id"], p["callback_query_id"])
        self.assertEqual(cq["message"]["text"], "second")
        self.assertEqual(cq["from"]["id"], UID)
        self.sb.press(UID, data="q:1:yes")
        self.assertEqual(self.update()["callback_query"]["message"]["message_id"], m1["message_id"])
        self.sb.press(UID, text="Yes", message_id=m1["message_id"])
        self.assertEqual(self.update()["callback_query"]["data"], "q:1:yes")
        self.assertBad(self.sb.press(UID, text="Nope"), 404, "no bot message")
        self.assertBad(self.sb.press(UID, text="Docs"), 400, "no callback_data")
        self.assertBad(self.sb.press(UID), 400, "text or data")

    def test_forged_press(self):
        kb = {"inline_keyboard": [[{"text": "Me", "callback_data": "usr:me"}]]}
        self.sb.bot("sendMessage", chat_id=UID, text="menu", reply_markup=kb)
        self.assertBad(self.sb.press(UID, data="adm:ban:1"), 404, "no bot message")
        r = self.sb.press(UID, data="adm:ban:1", forge=True)
        self.assertTrue(r.ok, r)
        self.assertEqual(self.update()["callback_query"]["data"], "adm:ban:1")

    def test_press_after_edit_uses_new_keyboard(self):
        kb = {"inline_keyboard": [[{"text": "Old", "callback_data": "old"}]]}
        m = self.sb.bot("sendMessage", chat_id=UID, text="x", reply_markup=kb).result
        kb2 = {"inline_keyboard": [[{"text": "New", "callback_data": "new"}]]}
        self.sb.bot("editMessageReplyMarkup", chat_id=UID, message_id=m["message_id"], reply_markup=kb2)
        self.assertBad(self.sb.press(UID, text="Old"), 404, "no bot message")
        self.assertTrue(self.sb.press(UID, text="New").ok)
        self.sb.bot("deleteMessage", chat_id=UID, message_id=m["message_id"])
        self.assertBad(self.sb.press(UID, text="New"), 404, "no bot message")

    def test_transcript_wait(self):
        threading.Timer(0.3, lambda: self.sb.bot("sendMessage", chat_id=UID, text="reply")).start()
        start = time.monotonic()
        t = self.sb.transcript(UID, wait_bot=1, timeout_ms=5000)
        took = time.monotonic() - start
        self.assertEqual([m["text"] for m in t], ["reply"])
        self.assertGreater(took, 0.2)
        self.assertLess(took, 3)
        start = time.monotonic()
        t = self.sb.transcript(UID, wait_bot=2, timeout_ms=400)
        self.assertGreater(time.monotonic() - start, 0.35)
        self.assertEqual(len(t), 1)  # timed out with what there is
        mid = t[0]["message_id"]
        threading.Timer(0.2, lambda: self.sb.bot("editMessageText", chat_id=UID, message_id=mid,
                                                 text="edited")).start()
        t = self.sb.transcript(UID, wait_events=2, timeout_ms=5000)
        self.assertEqual(t[0]["text"], "edited")
        self.assertEqual(len(t[0]["edits"]), 1)

    def test_counters_and_reset(self):
        kb = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
        self.sb.bot("sendMessage", chat_id=UID, text="x", reply_markup=kb)
        self.sb.send(UID, "hello")
        p = self.sb.press(UID, text="Go").result
        self.sb.press(UID, text="Go")
        self.sb.bot("answerCallbackQuery", callback_query_id=p["callback_query_id"])
        c = self.sb.counters()
        self.assertEqual(c["messages_sent"], 1)
        self.assertEqual(c["updates_queued"], 3)
        self.assertEqual((c["callbacks_total"], c["callbacks_answered"], c["callbacks_unanswered"]), (2, 1, 1))
        self.assertGreaterEqual(c["callback_latency_ms_max"], c["callback_latency_ms_avg"])
        self.assertTrue(self.sb.ctl("POST", "reset").ok)
        c = self.sb.counters()
        self.assertEqual((c["messages_sent"], c["updates_queued"], c["callbacks_total"]), (0, 0, 0))
        self.assertBad(self.sb.ctl("POST", "send", {"user_id": UID, "text": "x"}), 404, "user not found")
        self.assertEqual(self.sb.bot("getUpdates").result, [])

    def test_control_errors(self):
        self.assertBad(self.sb.ctl("GET", "nope"), 404, "no such control endpoint")
        self.assertBad(self.sb.ctl("GET", "send"), 405, "method not allowed")
        self.assertBad(self.sb.ctl("GET", "transcript"), 400, "chat_id")
        self.assertBad(self.sb.ctl("GET", "callbacks/nope"), 404, "callback")
        self.assertBad(self.sb.ctl("GET", "counters", token="9:x"), 404, "token")
        r = self.sb.request("POST", "/sandbox/users", b"{bad json", {"Content-Type": "application/json"})
        self.assertBad(r, 400, "JSON")
        h = self.sb.ctl("GET", "health").result
        self.assertEqual(h["bots"], 1)


if __name__ == "__main__":
    main()
