"""Telegram's validation, reproduced: text and caption lengths, HTML
parse_mode errors, callback_data size, markup shape, chat not found, UTF-8."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7200000001


class Text(SandboxCase):
    sandbox_args = {"no_limits": True}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Meera")

    def send(self, **kw):
        return self.sb.bot("sendMessage", chat_id=UID, **kw)

    def test_length_limits_count_characters(self):
        self.assertTrue(self.send(text="x" * 4096).ok)
        self.assertBad(self.send(text="x" * 4097), 400, "message is too long")
        self.assertTrue(self.send(text="\u0905" * 4096).ok)  # 3-byte characters still count once
        self.assertBad(self.send(text="\u0905" * 4097), 400, "message is too long")
        # markup does not count: 4096 visible characters inside <b>
        self.assertTrue(self.send(text="<b>" + "y" * 4096 + "</b>", parse_mode="HTML").ok)
        self.assertBad(self.send(text="<b>" + "y" * 4097 + "</b>", parse_mode="HTML"), 400, "too long")

    def test_empty_text(self):
        self.assertBad(self.send(text=""), 400, "message text is empty")
        self.assertBad(self.send(text="   \n "), 400, "message text is empty")
        self.assertBad(self.send(), 400, "message text is empty")
        self.assertBad(self.send(text="<b></b>", parse_mode="HTML"), 400, "message text is empty")

    def test_caption_limit(self):
        files = {"document": ("a.txt", b"abc", "text/plain")}
        r = self.sb.bot_multipart("sendDocument", {"chat_id": UID, "caption": "c" * 1024}, files)
        self.assertTrue(r.ok, r)
        r = self.sb.bot_multipart("sendDocument", {"chat_id": UID, "caption": "c" * 1025}, files)
        self.assertBad(r, 400, "message caption is too long")

    def test_html_errors(self):
        cases = [
            ("<foo>x</foo>", 'Unsupported start tag "foo"'),
            ("a < b", "Unsupported start tag"),
            ("fish & chips", "Character '&' is reserved"),
            ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
            ("<b><i>x</b></i>", "Unmatched end tag"),
            ("x</b>", 'Unexpected end tag "b"'),
            ('<span class="nope">x</span>', "tg-spoiler"),
            ("&nbsp;", "Character '&' is reserved"),
            ("<b", "Can't find end of the tag"),
            ('<a href="x>y</a>', "Unclosed start tag"),
        ]
        for text, fragment in cases:
            with self.subTest(text=text):
                r = self.send(text=text, parse_mode="HTML")
                self.assertBad(r, 400, "can't parse entities")
                self.assertIn(fragment, r.description)
        self.assertEqual(self.sb.transcript(UID), [])

    def test_html_accepted(self):
        ok = ["<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><del>d</del>",
              "<code>x &lt; y</code> <pre><code class=\"language-c\">int x;</code></pre>",
              "<tg-spoiler>s</tg-spoiler> <span class=\"tg-spoiler\">s</span> <blockquote>q</blockquote>",
              "a > b &gt; c &quot;q&quot; &#65;&#x42;", "<B>caps</B>"]
        for text in ok:
            with self.subTest(text=text):
                self.assertTrue(self.send(text=text, parse_mode="HTML").ok)
        r = self.send(text="a &lt; b & c", parse_mode="")  # no parse_mode: taken literally
        self.assertEqual(r.result["text"], "a &lt; b & c")
        r = self.send(text="*bold*", parse_mode="MarkdownV2")
        self.assertTrue(r.ok, r)
        self.assertBad(self.send(text="x", parse_mode="BBCode"), 400, "unsupported parse_mode")

    def test_utf8_required(self):
        body = b"chat_id=%d&text=%%FF%%FEbad" % UID
        r = self.sb.request("POST", "/bot%s/sendMessage" % self.sb.tokens[0], body,
                            {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertBad(r, 400, "UTF-8")

    def test_chat_not_found(self):
        self.assertBad(self.sb.bot("sendMessage", chat_id=424242, text="x"), 400, "chat not found")
        self.assertBad(self.sb.bot("sendMessage", chat_id="@nobody", text="x"), 400, "chat not found")
        self.assertBad(self.sb.bot("sendMessage", text="x"), 400, "chat_id is empty")
        self.assertBad(self.sb.bot("sendMessage", chat_id=1.5, text="x"), 400, "chat not found")


class Markup(SandboxCase):
    sandbox_args = {"no_limits": True}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Meera")

    def send(self, markup):
        return self.sb.bot("sendMessage", chat_id=UID, text="x", reply_markup=markup)

    def button(self, **kw):
        return {"inline_keyboard": [[dict(text="B", **kw)]]}

    def test_callback_data_bytes(self):
        self.assertTrue(self.send(self.button(callback_data="d" * 64)).ok)
        self.assertBad(self.send(self.button(callback_data="d" * 65)), 400, "BUTTON_DATA_INVALID")
        self.assertBad(self.send(self.button(callback_data="")), 400, "BUTTON_DATA_INVALID")
        # 22 three-byte characters = 66 bytes: bytes count, not characters
        self.assertBad(self.send(self.button(callback_data="\u0905" * 22)), 400, "BUTTON_DATA_INVALID")
        self.assertBad(self.send(self.button(callback_data=5)), 400, "callback_data")

    def test_button_shape(self):
        self.assertBad(self.send({"inline_keyboard": [[{"text": "no action"}]]}), 400, "inline keyboard")
        self.assertBad(self.send({"inline_keyboard": [[{"callback_data": "x"}]]}), 400, "")
        self.assertBad(self.send({"inline_keyboard": [[{"text": "two", "callback_data": "x", "url": "https://a"}]]}),
                       400, "inline keyboard button")
        self.assertBad(self.send({"inline_keyboard": "nope"}), 400, "inline keyboard")
        self.assertBad(self.send({"inline_keyboard": [["str"]]}), 400, "InlineKeyboardButton")
        self.assertBad(self.send(self.button(url="")), 400, "BUTTON_URL_INVALID")
        self.assertBad(self.send({"nothing": 1}), 400, "reply keyboard markup")
        self.assertBad(self.send([1, 2]), 400, "reply keyboard markup")
        rows = [[{"text": str(i), "callback_data": str(i)}] for i in range(101)]
        self.assertBad(self.send({"inline_keyboard": rows}), 400, "too long")

    def test_reply_keyboards_accepted_not_echoed(self):
        for m in ({"keyboard": [["Yes", {"text": "No"}]], "resize_keyboard": True},
                  {"remove_keyboard": True}, {"force_reply": True}):
            r = self.send(m)
            self.assertTrue(r.ok, r)
            self.assertNotIn("reply_markup", r.result)

    def test_markup_as_string(self):
        r = self.sb.bot_form("sendMessage", chat_id=UID, text="x", reply_markup="{not json")
        self.assertBad(r, 400, "reply keyboard markup")


if __name__ == "__main__":
    main()
