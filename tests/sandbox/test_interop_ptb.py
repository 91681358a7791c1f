"""Interop: a python-telegram-bot 13 bot, unchanged except for its
base_url, works against fitbot-sandbox: it answers a command with an inline
keyboard, a text message, a button press (answer + edit) and uploads a
document, all driven through the control API."""
import io
import logging
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

warnings.simplefilter("ignore")
logging.disable(logging.WARNING)
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ParseMode  # noqa: E402
from telegram.ext import (CallbackQueryHandler, CommandHandler, Filters,  # noqa: E402
                          MessageHandler, Updater)

UID = 7700000001


def on_start(update, context):
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("Join", callback_data="join:gold")]])
    update.message.reply_text("Welcome, <b>%s</b>!" % update.effective_user.first_name,
                              parse_mode=ParseMode.HTML, reply_markup=kb)


def on_text(update, context):
    update.message.reply_text("You said: " + update.message.text)


def on_doc(update, context):
    update.message.reply_document(io.BytesIO(b"plan: gold\n"), filename="plan.txt", caption="your plan")


def on_press(update, context):
    q = update.callback_query
    q.answer("Joined " + q.data.split(":")[1])
    q.edit_message_text("You joined the gold plan")


class PythonTelegramBot(SandboxCase):
    def test_ptb_bot_answers_message_and_button(self):
        sb = self.sb
        sb.user(UID, "Anil", username="anil")
        updater = Updater(sb.tokens[0], base_url=sb.base + "/bot", base_file_url=sb.base + "/file/bot",
                          use_context=True)
        d = updater.dispatcher
        d.add_handler(CommandHandler("start", on_start))
        d.add_handler(CommandHandler("doc", on_doc))
        d.add_handler(MessageHandler(Filters.text & ~Filters.command, on_text))
        d.add_handler(CallbackQueryHandler(on_press))
        self.assertEqual(updater.bot.get_me().id, 123456)
        updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            sb.send(UID, "/start")
            t = sb.transcript(UID, wait_bot=1, timeout_ms=15000)
            bot_msgs = [m for m in t if m["from"] == "bot"]
            self.assertEqual(bot_msgs[0]["text"], "Welcome, Anil!")
            self.assertEqual(bot_msgs[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "join:gold")

            sb.send(UID, "hello there")
            t = sb.transcript(UID, wait_bot=2, timeout_ms=15000)
            self.assertEqual([m["text"] for m in t if m["from"] == "bot"][1], "You said: hello there")

            p = sb.press(UID, text="Join").result
            t = sb.transcript(UID, wait_events=3, timeout_ms=15000)
            self.assertEqual(t[1]["text"], "You joined the gold plan")
            self.assertEqual(t[1]["edits"][0]["text"], "You joined the gold plan")
            cb = sb.ctl("GET", "callbacks/" + p["callback_query_id"]).result
            self.assertTrue(cb["answered"])
            self.assertEqual(cb["text"], "Joined gold")

            sb.send(UID, "/doc")
            t = sb.transcript(UID, wait_bot=3, timeout_ms=15000)
            doc = [m for m in t if m["from"] == "bot"][-1]
            self.assertEqual(doc["caption"], "your plan")
            self.assertEqual(doc["document"]["file_name"], "plan.txt")
            self.assertEqual(sb.request("GET", doc["document"]["url"]).raw, b"plan: gold\n")
            f = updater.bot.get_file(doc["document"]["file_id"])
            self.assertEqual(bytes(f.download_as_bytearray()), b"plan: gold\n")
        finally:
            updater.stop()
        c = sb.counters()
        self.assertEqual(c["callbacks_unanswered"], 0)
        self.assertEqual(c["conflicts_409"], 0)


if __name__ == "__main__":
    main()
