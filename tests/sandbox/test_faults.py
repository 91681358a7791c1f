"""Fault injection: scripted errors, delays and dropped connections,
per-chat faults, random faults at given rates, blocked chats (403)."""
import os
import sys
import time
import urllib.error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7500000001
OTHER = 7500000002


class Faults(SandboxCase):
    sandbox_args = {"no_limits": True}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "F")
        self.sb.user(OTHER, "G")

    def send(self, chat=UID):
        return self.sb.bot("sendMessage", chat_id=chat, text="x")

    def test_next_n_calls_fail(self):
        self.assertTrue(self.sb.ctl("POST", "faults", {"method": "sendMessage", "count": 3, "status": 502}).ok)
        st = [self.send().status for _ in range(4)]
        self.assertEqual(st, [502, 502, 502, 200])
        r = self.sb.bot("getMe")
        self.assertTrue(r.ok)  # other methods untouched
        c = self.sb.counters()
        self.assertEqual((c["responses_5xx_injected"], c["faults_injected"], c["messages_sent"]), (3, 3, 1))

    def test_injected_429_and_description(self):
        self.sb.ctl("POST", "faults", {"method": "*", "status": 429, "retry_after": 7})
        r = self.send()
        self.assertBad(r, 429, "retry after 7")
        self.assertEqual(r.json["parameters"]["retry_after"], 7)
        self.sb.ctl("POST", "faults", {"method": "sendMessage", "status": 500, "description": "Internal: oops"})
        self.assertBad(self.send(), 500, "Internal: oops")

    def test_delay(self):
        self.sb.ctl("POST", "faults", {"method": "getUpdates", "delay_ms": 600})
        start = time.monotonic()
        self.assertTrue(self.sb.bot("getUpdates").ok)
        self.assertGreater(time.monotonic() - start, 0.55)

    def test_drop_connection(self):
        self.sb.ctl("POST", "faults", {"method": "sendMessage", "drop": True})
        with self.assertRaises((urllib.error.URLError, ConnectionError, OSError)) as cm:
            self.send()
        self.assertNotIsInstance(cm.exception, urllib.error.HTTPError)
        self.assertTrue(self.send().ok)
        self.assertEqual(len(self.sb.transcript(UID)), 1)

    def test_fault_for_one_chat(self):
        self.sb.ctl("POST", "faults", {"method": "sendMessage", "count": 2, "status": 503, "chat_id": OTHER})
        self.assertTrue(self.send(UID).ok)
        self.assertEqual(self.send(OTHER).status, 503)
        self.assertTrue(self.send(UID).ok)
        self.assertEqual(self.send(OTHER).status, 503)
        self.assertTrue(self.send(OTHER).ok)

    def test_clear(self):
        self.sb.ctl("POST", "faults", {"method": "sendMessage", "count": 5, "status": 502})
        self.assertTrue(self.sb.ctl("DELETE", "faults").ok)
        self.assertTrue(self.send().ok)

    def test_bad_fault_specs(self):
        self.assertBad(self.sb.ctl("POST", "faults", {"method": "sendMessage"}), 400, "faults")
        self.assertBad(self.sb.ctl("POST", "faults", {"status": 200}), 400, "faults")
        self.assertBad(self.sb.ctl("POST", "faults", {"status": 502, "count": 0}), 400, "count")
        self.assertBad(self.sb.ctl("POST", "faults/random", {"rate_5xx": 2}), 400, "rates")
        self.assertBad(self.sb.ctl("POST", "faults/random", {"rate_5xx": 0.6, "rate_429": 0.6}), 400, "at most 1")

    def test_random_faults(self):
        self.sb.ctl("POST", "faults/random", {"rate_5xx": 1.0})
        self.assertEqual({self.send().status for _ in range(5)}, {502})
        self.sb.ctl("POST", "faults/random", {"rate_429": 0.5, "seed": 42})
        st = [self.send().status for _ in range(200)]
        n429 = st.count(429)
        self.assertGreater(n429, 60)
        self.assertLess(n429, 140)
        self.assertEqual(set(st), {200, 429})
        self.sb.ctl("POST", "faults/random", {"rate_429": 0.5, "seed": 42})
        again = [self.send().status for _ in range(200)]
        self.assertEqual(st, again)  # same seed, same faults
        self.sb.ctl("DELETE", "faults")
        self.sb.ctl("POST", "faults/random", {"rate_drop": 1.0})
        with self.assertRaises((urllib.error.URLError, ConnectionError, OSError)):
            self.send()
        self.sb.ctl("POST", "faults/random", {"rate_timeout": 1.0, "timeout_ms": 300})
        start = time.monotonic()
        with self.assertRaises((urllib.error.URLError, ConnectionError, OSError)):
            self.send()
        self.assertGreater(time.monotonic() - start, 0.25)
        self.sb.ctl("DELETE", "faults")
        self.assertTrue(self.send().ok)

    def test_blocked_chat_gets_403(self):
        self.assertTrue(self.sb.ctl("POST", "block", {"chat_id": UID}).ok)
        self.assertBad(self.send(UID), 403, "Forbidden: bot was blocked by the user")
        files = {"document": ("a.txt", b"abc", "text/plain")}
        self.assertBad(self.sb.bot_multipart("sendDocument", {"chat_id": UID}, files), 403, "blocked")
        self.assertTrue(self.send(OTHER).ok)
        self.assertTrue(self.sb.ctl("POST", "block", {"chat_id": UID, "blocked": False}).ok)
        self.assertTrue(self.send(UID).ok)
        self.assertEqual(self.sb.counters()["blocked_403"], 2)
        self.assertBad(self.sb.ctl("POST", "block", {"chat_id": 1}), 404, "chat not found")


if __name__ == "__main__":
    main()
