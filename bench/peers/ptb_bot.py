"""The python-telegram-bot 13 peer of bench/peers.

/whoami in one transaction, the same database work fitbot does per update:
claim the update id, upsert the sender, read the profile; reply after
COMMIT. psycopg2's ThreadedConnectionPool, handlers run_async on the
dispatcher's worker threads. Stops on SIGTERM, or by itself when its parent
dies.
  ptb_bot.py API_URL TOKEN DSN [POOL]
"""
import html
import os
import sys
import threading
import time

import psycopg2.pool
from telegram.ext import CommandHandler, Updater

API, TOKEN, DSN = sys.argv[1], sys.argv[2], sys.argv[3]
POOL = int(sys.argv[4]) if len(sys.argv) > 4 else 8
# minconn = maxconn: psycopg2 closes a returned connection beyond minconn
pool = psycopg2.pool.ThreadedConnectionPool(POOL, POOL, DSN)


def whoami(update, context):
    user = update.effective_user
    conn = pool.getconn()
    try:
        with conn:  # one transaction: COMMIT on success, ROLLBACK on error
            with conn.cursor() as cur:
                cur.execute("INSERT INTO peer_processed (update_id) VALUES (%s)"
                            " ON CONFLICT DO NOTHING", (update.update_id,))
                if cur.rowcount == 0:
                    return  # a redelivery: handled before
                cur.execute(
                    "INSERT INTO peer_users AS u (id, first_name, last_name,"
                    " username) VALUES (%s, %s, %s, %s) ON CONFLICT (id) DO"
                    " UPDATE SET first_name = EXCLUDED.first_name,"
                    " last_name = EXCLUDED.last_name,"
                    " username = EXCLUDED.username, updated_at = now()",
                    (user.id, user.first_name, user.last_name, user.username))
                cur.execute("SELECT p.full_name FROM peer_users u LEFT JOIN"
                            " peer_profiles p ON p.user_id = u.id"
                            " WHERE u.id = %s", (user.id,))
                row = cur.fetchone()
    finally:
        pool.putconn(conn)
    if row and row[0]:
        text = "<b>%s</b>, id <code>%d</code>" % (html.escape(row[0]), user.id)
    else:
        text = ("You are %s, id <code>%d</code>, not registered yet. Send"
                " /start to register." % (html.escape(user.first_name),
                                           user.id))
    context.bot.send_message(update.effective_chat.id, text, parse_mode="HTML")


def orphan_watch(updater):
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    updater.stop()
    os._exit(0)


def main():
    updater = Updater(TOKEN, base_url=API + "/bot",
                      base_file_url=API + "/file/bot", workers=POOL,
                      request_kwargs={"con_pool_size": POOL + 4})
    updater.dispatcher.add_handler(
        CommandHandler("whoami", whoami, run_async=True))
    threading.Thread(target=orphan_watch, args=(updater,), daemon=True).start()
    updater.start_polling(poll_interval=0, timeout=10)
    print("ready", flush=True)
    updater.idle()
    pool.closeall()


if __name__ == "__main__":
    main()
