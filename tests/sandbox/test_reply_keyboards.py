"""Reply keyboards: validation of keyboard / remove_keyboard markups, the
transcript keeping them, users' phone numbers, and presses on reply-keyboard
buttons (request_contact shares the user's own contact, a plain button sends
its text)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7600000101
OTHER = 7600000102
SHARE = "📱 Share my phone number"
CONTACT_KB = {"keyboard": [[{"text": SHARE, "request_contact": True}]],
              "one_time_keyboard": True, "resize_keyboard": True}


class ReplyKeyboards(SandboxCase):
    sandbox_args = {"no_limits": True}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Asha", last_name="Rao", phone_number="+919876543210")
        self.sb.user(OTHER, "Ravi")

    def updates(self):
        r = self.sb.bot("getUpdates")
        self.assertTrue(r.ok, r)
        if r.result:
            self.sb.bot("getUpdates", offset=r.result[-1]["update_id"] + 1)
        return r.result

    def ask(self, chat_id, markup=CONTACT_KB, text="Your phone?"):
        r = self.sb.bot("sendMessage", chat_id=chat_id, text=text, reply_markup=markup)
        self.assertTrue(r.ok, r)
        return r.result

    def test_user_phone_number(self):
        r = self.sb.ctl("POST", "users", {"id": UID, "first_name": "Asha"})
        self.assertEqual(r.result["phone_number"], "+919876543210")  # kept when not given
        self.assertBad(self.sb.ctl("POST", "users", {"id": UID, "phone_number": "98x"}), 400,
                       "phone_number")
        self.assertBad(self.sb.ctl("POST", "users", {"id": UID, "phone_number": "+12"}), 400,
                       "phone_number")
        self.sb.send(UID, "hi")
        frm = self.updates()[-1]["message"]["from"]
        self.assertNotIn("phone_number", frm)  # a User object never shows it

    def test_keyboard_validation(self):
        bad = [
            ({"keyboard": [[{"text": SHARE, "request_contact": "yes"}]]}, "request_contact"),
            ({"keyboard": [[{"text": "x", "request_contact": True, "request_location": True}]]},
             "one thing"),
            ({"keyboard": [[{"request_contact": True}]]}, "text buttons"),
            ({"keyboard": [[{"text": "x"}]], "one_time_keyboard": 1}, "one_time_keyboard"),
            ({"keyboard": [[{"text": "x"}]], "input_field_placeholder": "p" * 65},
             "INPUT_FIELD_PLACEHOLDER_INVALID"),
            ({"keyboard": [{"text": "x"}]}, "must be an Array"),
            ({"remove_keyboard": False}, "remove_keyboard"),
        ]
        for markup, fragment in bad:
            with self.subTest(markup=markup):
                r = self.sb.bot("sendMessage", chat_id=UID, text="q", reply_markup=markup)
                self.assertBad(r, 400, fragment)
        self.ask(UID, {"keyboard": [["Yes", {"text": "No"}]], "is_persistent": True,
                       "input_field_placeholder": "Answer"})

    def test_transcript_keeps_reply_markups(self):
        sent = self.ask(UID)
        self.assertNotIn("reply_markup", sent)  # Telegram echoes inline keyboards only
        r = self.sb.bot("sendMessage", chat_id=UID, text="Thanks", reply_markup={"remove_keyboard": True})
        self.assertNotIn("reply_markup", r.result)
        t = self.sb.transcript(UID)
        self.assertEqual(t[0]["reply_markup"], CONTACT_KB)
        self.assertEqual(t[1]["reply_markup"], {"remove_keyboard": True})

    def test_press_request_contact_shares_own_contact(self):
        self.ask(UID)
        r = self.sb.press(UID, text=SHARE)
        self.assertTrue(r.ok, r)
        self.assertNotIn("callback_query_id", r.result)
        m = self.updates()[-1]["message"]
        self.assertEqual(m["message_id"], r.result["message_id"])
        self.assertEqual(m["contact"], {"phone_number": "+919876543210", "first_name": "Asha",
                                        "last_name": "Rao", "user_id": UID})
        self.assertNotIn("text", m)
        self.assertEqual(self.sb.transcript(UID)[-1]["contact"]["user_id"], UID)

    def test_press_request_contact_without_phone(self):
        self.ask(OTHER)
        self.assertBad(self.sb.press(OTHER, text=SHARE), 400, "no phone_number")
        self.assertEqual(self.updates(), [])

    def test_press_plain_reply_button_sends_text(self):
        self.ask(UID, {"keyboard": [["Morning"], [{"text": "Evening"}]]}, "Which batch?")
        self.assertTrue(self.sb.press(UID, text="Evening").ok)
        m = self.updates()[-1]["message"]
        self.assertEqual(m["text"], "Evening")
        self.assertEqual(m["from"]["id"], UID)

    def test_keyboard_gone_after_remove(self):
        self.ask(UID)
        self.sb.bot("sendMessage", chat_id=UID, text="Got it", reply_markup={"remove_keyboard": True})
        self.assertBad(self.sb.press(UID, text=SHARE), 404, "no bot message")
        self.ask(UID)  # asked again: the keyboard is back
        self.assertTrue(self.sb.press(UID, text=SHARE).ok)

    def test_keyboard_is_per_chat(self):
        self.ask(UID)
        self.assertBad(self.sb.press(OTHER, text=SHARE), 404, "no bot message")

    def test_inline_button_of_same_text_wins(self):
        self.ask(UID)
        kb = {"inline_keyboard": [[{"text": SHARE, "callback_data": "inline"}]]}
        self.sb.bot("sendMessage", chat_id=UID, text="inline", reply_markup=kb)
        r = self.sb.press(UID, text=SHARE)
        self.assertIn("callback_query_id", r.result)
        self.assertEqual(self.updates()[-1]["callback_query"]["data"], "inline")


if __name__ == "__main__":
    main()
