"""Flood limits: per chat (burst, then 1/s), per group (20/min), overall
(30/s), each answered with 429 + retry_after and counted; the time scale."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7300000001
GROUP = -1001234567890


class SlowClock(SandboxCase):
    """At time scale 0.1 the buckets refill ten times slower than real
    time, so a burst of requests cannot outrun them on a busy machine."""
    sandbox_args = {"time_scale": 0.1}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Kiran")

    def test_per_chat_burst_then_429(self):
        got = [self.sb.bot("sendMessage", chat_id=UID, text="m%d" % i) for i in range(5)]
        self.assertEqual([r.status for r in got[:3]], [200, 200, 200])
        self.assertBad(got[3], 429, "Too Many Requests: retry after")
        self.assertEqual(got[3].json["parameters"]["retry_after"], 1)
        c = self.sb.counters()
        self.assertEqual(c["limit_violations"], 2)
        self.assertEqual(c["limit_violations_chat"], 2)
        self.assertEqual(c["responses_429"], 2)
        self.assertEqual(c["messages_sent"], 3)
        self.assertEqual(len(self.sb.transcript(UID)), 3)  # refused sends leave no message

    def test_global_30_per_second(self):
        ids = list(range(7300001000, 7300001040))
        for i in ids:
            self.sb.user(i, "U")
        got = [self.sb.bot("sendMessage", chat_id=i, text="hi").status for i in ids]
        self.assertEqual(got[:30], [200] * 30)
        self.assertIn(429, got[30:])
        self.assertGreaterEqual(self.sb.counters()["limit_violations_global"], 1)

    def test_lowered_limit_with_keep_counts_what_was_sent(self):
        ids = list(range(7300002000, 7300002012))
        for i in ids:
            self.sb.user(i, "U")
        first = [self.sb.bot("sendMessage", chat_id=i, text="a").status for i in ids[:8]]
        self.assertEqual(first, [200] * 8)
        self.assertTrue(self.sb.ctl("POST", "limits", {"global_per_s": 10, "keep": True}).ok)
        then = [self.sb.bot("sendMessage", chat_id=i, text="b").status for i in ids[8:]]
        self.assertEqual(then[:2], [200, 200])  # 8 + 2 = 10 in the window
        self.assertEqual(then[2:], [429, 429])
        self.assertEqual(self.sb.counters()["limit_violations_global"], 2)

    def test_changed_limit_without_keep_starts_empty(self):
        ids = list(range(7300003000, 7300003012))
        for i in ids:
            self.sb.user(i, "U")
        first = [self.sb.bot("sendMessage", chat_id=i, text="a").status for i in ids[:8]]
        self.assertEqual(first, [200] * 8)
        self.assertTrue(self.sb.ctl("POST", "limits", {"global_per_s": 10}).ok)
        then = [self.sb.bot("sendMessage", chat_id=i, text="b").status for i in ids[8:]]
        self.assertEqual(then, [200] * 4)

    def test_group_20_per_minute(self):
        self.assertTrue(self.sb.ctl("POST", "chats", {"id": GROUP, "type": "supergroup", "title": "Club"}).ok)
        self.assertTrue(self.sb.ctl("POST", "limits", {"chat_burst": 100}).ok)  # isolate the group limit
        got = [self.sb.bot("sendMessage", chat_id=GROUP, text="g%d" % i) for i in range(22)]
        self.assertEqual([r.status for r in got[:20]], [200] * 20)
        self.assertBad(got[20], 429, "retry after")
        self.assertGreaterEqual(got[20].json["parameters"]["retry_after"], 1)
        self.assertEqual(self.sb.counters()["limit_violations_group"], 2)

    def test_files_count_too(self):
        files = {"document": ("a.txt", b"abc", "text/plain")}
        st = [self.sb.bot_multipart("sendDocument", {"chat_id": UID}, files).status for _ in range(4)]
        self.assertEqual(st, [200, 200, 200, 429])

    def test_limits_can_be_switched_off_and_reset_restores_them(self):
        r = self.sb.ctl("POST", "limits", {"enabled": False})
        self.assertTrue(r.ok, r)
        self.assertFalse(r.result["enabled"])
        self.assertTrue(all(self.sb.bot("sendMessage", chat_id=UID, text="x").ok for _ in range(10)))
        self.sb.ctl("POST", "reset")
        self.sb.user(UID, "Kiran")
        self.assertTrue(self.sb.ctl("GET", "limits").result["enabled"])
        self.assertBad(self.sb.ctl("POST", "limits", {"chat_per_s": -1}), 400, "limits")


class FastClock(SandboxCase):
    sandbox_args = {"time_scale": 20}

    def test_retry_after_is_honoured(self):
        self.sb.user(UID, "Kiran")
        got = [self.sb.bot("sendMessage", chat_id=UID, text="m%d" % i) for i in range(3)]
        self.assertTrue(all(r.ok for r in got))
        r = self.sb.bot("sendMessage", chat_id=UID, text="too soon")
        if r.status == 429:  # a slow machine may already have refilled a token
            time.sleep(r.json["parameters"]["retry_after"] / 20.0 + 0.05)
        self.assertTrue(self.sb.bot("sendMessage", chat_id=UID, text="later").ok)


class NoLimits(SandboxCase):
    sandbox_args = {"no_limits": True}

    def test_no_limits_flag(self):
        self.sb.user(UID, "Kiran")
        self.assertTrue(all(self.sb.bot("sendMessage", chat_id=UID, text="x").ok for _ in range(40)))
        self.assertEqual(self.sb.counters()["limit_violations"], 0)


if __name__ == "__main__":
    main()
