"""Webhooks: updates POSTed to a receiver on 127.0.0.1 with the secret
header, retried on non-2xx, reported by getWebhookInfo; URL checks."""
import http.server
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7400000001


class Receiver:
    """A tiny webhook receiver; answers with the statuses in `script`, then 200."""

    def __init__(self, script=()):
        self.script = list(script)
        self.got = []
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(n))
                with outer.lock:
                    status = outer.script.pop(0) if outer.script else 200
                    outer.got.append((status, self.headers.get("X-Telegram-Bot-Api-Secret-Token"), body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, n, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if len(self.got) >= n:
                    return list(self.got)
            time.sleep(0.02)
        with self.lock:
            return list(self.got)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Webhooks(SandboxCase):
    sandbox_args = {"time_scale": 20}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Dev")

    def test_balancer_takes_turns_and_passes_over_a_dead_url(self):
        a, b = Receiver(), Receiver()
        dead = "http://127.0.0.1:1/hook"  # nothing listens on port 1
        try:
            self.assertTrue(self.sb.bot("setWebhook", url=a.url).ok)
            r = self.sb.ctl("POST", "webhook_balance", {"urls": [a.url, dead, b.url]})
            self.assertTrue(r.ok, r)
            ids = [self.sb.send(UID, "m%d" % i)["update_id"] for i in range(6)]
            end = time.monotonic() + 10
            while time.monotonic() < end and len(a.got) + len(b.got) < 6:
                time.sleep(0.02)
            got_a = [g[2]["update_id"] for g in a.got]
            got_b = [g[2]["update_id"] for g in b.got]
            self.assertEqual(sorted(got_a + got_b), ids)  # each once
            self.assertEqual(len(got_a), 2)  # turns a, dead->b, b
            self.assertEqual(len(got_b), 4)
            self.assertEqual(self.sb.counters()["webhook_failures"], 0)
            self.assertBad(self.sb.ctl("POST", "webhook_balance", {"urls": ["http://example.com/"]}), 400, "loopback")
            self.assertTrue(self.sb.ctl("POST", "webhook_balance", {"urls": []}).ok)
        finally:
            a.close()
            b.close()

    def test_delivery_with_secret(self):
        rx = Receiver()
        try:
            r = self.sb.bot("setWebhook", url=rx.url, secret_token="s3cr3t_-X")
            self.assertTrue(r.ok, r)
            info = self.sb.bot("getWebhookInfo").result
            self.assertEqual(info["url"], rx.url)
            a = self.sb.send(UID, "one")["update_id"]
            b = self.sb.send(UID, "two")["update_id"]
            got = rx.wait(2)
            self.assertEqual([g[2]["update_id"] for g in got], [a, b])
            self.assertEqual({g[1] for g in got}, {"s3cr3t_-X"})
            self.assertEqual(got[0][2]["message"]["text"], "one")
            time.sleep(0.1)
            self.assertEqual(self.sb.bot("getWebhookInfo").result["pending_update_count"], 0)
            c = self.sb.counters()
            self.assertEqual((c["webhook_posts"], c["webhook_failures"], c["updates_delivered"]), (2, 0, 2))
        finally:
            self.sb.bot("deleteWebhook")
            rx.close()

    def test_retry_on_non_2xx(self):
        rx = Receiver(script=[500, 502, 404])
        try:
            self.assertTrue(self.sb.bot("setWebhook", url=rx.url).ok)
            uid = self.sb.send(UID, "persist")["update_id"]
            got = rx.wait(4)
            self.assertEqual([g[0] for g in got], [500, 502, 404, 200])
            self.assertEqual({g[2]["update_id"] for g in got}, {uid})
            self.assertIsNone(got[0][1])  # no secret set, no header
            info = self.sb.bot("getWebhookInfo").result
            self.assertIn("404", info["last_error_message"])
            self.assertGreater(info["last_error_date"], 0)
            self.assertEqual(self.sb.counters()["webhook_failures"], 3)
        finally:
            self.sb.bot("deleteWebhook")
            rx.close()

    def test_unreachable_webhook_keeps_updates(self):
        self.assertTrue(self.sb.bot("setWebhook", url="http://127.0.0.1:9/closed").ok)
        self.sb.send(UID, "kept")
        time.sleep(0.3)
        info = self.sb.bot("getWebhookInfo").result
        self.assertEqual(info["pending_update_count"], 1)
        self.assertIn("Connection failed", info["last_error_message"])
        self.assertTrue(self.sb.bot("deleteWebhook").ok)
        r = self.sb.bot("getUpdates")
        self.assertEqual([u["message"]["text"] for u in r.result], ["kept"])

    def test_drop_pending_updates(self):
        self.sb.send(UID, "old")
        self.assertTrue(self.sb.bot("deleteWebhook", drop_pending_updates=True).ok)
        self.assertEqual(self.sb.bot("getUpdates").result, [])

    def test_url_and_secret_checks(self):
        self.assertBad(self.sb.bot("setWebhook", url="http://example.org/hook"), 400, "bad webhook")
        self.assertBad(self.sb.bot("setWebhook", url="ftp://127.0.0.1/x"), 400, "bad webhook")
        self.assertBad(self.sb.bot("setWebhook", url="http://10.0.0.1/x"), 400, "bad webhook")
        self.assertBad(self.sb.bot("setWebhook", url="http://127.0.0.1:9/x", secret_token="bad secret!"), 400,
                       "secret token")
        self.assertBad(self.sb.bot("setWebhook", url="http://127.0.0.1:9/x", secret_token="x" * 257), 400,
                       "secret token")
        self.assertEqual(self.sb.bot("getWebhookInfo").result["url"], "")
        self.assertTrue(self.sb.bot("setWebhook", url="").ok)  # empty url = delete


if __name__ == "__main__":
    main()
