"""getUpdates: offset acknowledgement and redelivery, limit, negative
offset, real long polls, allowed_updates and 409 conflicts."""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import Sandbox, SandboxCase, main  # noqa: E402

UID = 7100000001


class Updates(SandboxCase):
    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Ravi")

    def ids(self, reply):
        self.assertTrue(reply.ok, reply)
        return [u["update_id"] for u in reply.result]

    def test_unacknowledged_updates_are_redelivered(self):
        a = self.sb.send(UID, "one")["update_id"]
        b = self.sb.send(UID, "two")["update_id"]
        self.assertEqual(self.ids(self.sb.bot("getUpdates")), [a, b])
        self.assertEqual(self.ids(self.sb.bot("getUpdates")), [a, b])  # not acknowledged yet
        self.assertEqual(self.ids(self.sb.bot("getUpdates", offset=a + 1)), [b])
        self.assertEqual(self.ids(self.sb.bot("getUpdates", offset=b + 1)), [])
        self.assertEqual(self.ids(self.sb.bot("getUpdates")), [])  # acknowledged for good
        c = self.sb.counters()
        self.assertEqual(c["updates_queued"], 2)
        self.assertEqual(c["updates_delivered"], 5)  # 2 + 2 + 1
        self.assertEqual(c["updates_pending"], 0)

    def test_limit_and_negative_offset(self):
        ids = [self.sb.send(UID, "m%d" % i)["update_id"] for i in range(5)]
        self.assertEqual(self.ids(self.sb.bot("getUpdates", limit=2)), ids[:2])
        self.assertEqual(self.ids(self.sb.bot_form("getUpdates", limit="3")), ids[:3])
        self.assertEqual(self.ids(self.sb.bot("getUpdates", offset=-2)), ids[3:])
        self.assertEqual(self.ids(self.sb.bot("getUpdates")), ids[3:])  # older ones were dropped

    def test_update_shape(self):
        self.sb.send(UID, "/start ref42")
        u = self.sb.bot("getUpdates").result[0]
        m = u["message"]
        self.assertEqual(m["text"], "/start ref42")
        self.assertEqual(m["from"]["id"], UID)
        self.assertFalse(m["from"]["is_bot"])
        self.assertEqual(m["chat"], {"id": UID, "type": "private", "first_name": "Ravi"})
        self.assertEqual(m["entities"], [{"offset": 0, "length": 6, "type": "bot_command"}])
        self.assertIsInstance(m["date"], int)

    def test_long_poll_returns_when_an_update_arrives(self):
        t = threading.Timer(0.4, lambda: self.sb.send(UID, "late"))
        t.start()
        start = time.monotonic()
        r = self.sb.bot("getUpdates", timeout=10)
        took = time.monotonic() - start
        t.join()
        self.assertEqual([u["message"]["text"] for u in r.result], ["late"])
        self.assertGreater(took, 0.3)
        self.assertLess(took, 3.0)

    def test_long_poll_waits_for_the_timeout(self):
        start = time.monotonic()
        r = self.sb.bot("getUpdates", timeout=1)
        took = time.monotonic() - start
        self.assertEqual(r.result, [])
        self.assertGreater(took, 0.9)
        self.assertLess(took, 3.0)

    def test_allowed_updates_filters(self):
        kb = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
        self.sb.bot("sendMessage", chat_id=UID, text="x", reply_markup=kb)
        self.sb.send(UID, "text")
        self.sb.press(UID, data="go")
        r = self.sb.bot("getUpdates", allowed_updates=["callback_query"])
        self.assertEqual([list(u.keys())[1] for u in r.result], ["callback_query"])
        self.sb.send(UID, "more text")
        self.assertEqual(len(self.sb.bot("getUpdates").result), 1)  # the setting sticks
        r = self.sb.bot("getUpdates", allowed_updates=[])
        self.assertBad(self.sb.bot("getUpdates", allowed_updates="nope"), 400, "allowed updates")

    def test_second_poller_terminates_the_first_with_409(self):
        out = {}

        def first():
            out["r"] = self.sb.bot("getUpdates", timeout=5)
        th = threading.Thread(target=first)
        th.start()
        time.sleep(0.3)
        second = self.sb.bot("getUpdates", timeout=0)
        th.join(10)
        self.assertTrue(second.ok, second)
        self.assertBad(out["r"], 409, "terminated by other getUpdates request")
        self.assertEqual(self.sb.counters()["conflicts_409"], 1)

    def test_abandoned_poll_is_not_a_conflict(self):
        import socket
        with self.assertRaises((socket.timeout, OSError)):
            self.sb.bot("getUpdates", timeout=20, http_timeout=0.3)  # the client gives up
        time.sleep(0.6)  # the sandbox notices within 250 ms
        self.assertEqual(self.ids(self.sb.bot("getUpdates")), [])
        self.assertEqual(self.sb.counters()["conflicts_409"], 0)
        a = self.sb.send(UID, "after")["update_id"]
        self.assertEqual(self.ids(self.sb.bot("getUpdates", timeout=1)), [a])
        self.assertEqual(self.sb.counters()["conflicts_409"], 0)

    def test_getupdates_with_webhook_is_409(self):
        self.assertTrue(self.sb.bot("setWebhook", url="http://127.0.0.1:9/hook").ok)
        self.assertBad(self.sb.bot("getUpdates"), 409, "webhook is active")
        self.assertTrue(self.sb.bot("deleteWebhook").ok)
        self.assertTrue(self.sb.bot("getUpdates").ok)

    def test_webhook_set_during_long_poll_ends_it_with_409(self):
        out = {}
        th = threading.Thread(target=lambda: out.setdefault("r", self.sb.bot("getUpdates", timeout=5)))
        th.start()
        time.sleep(0.3)
        self.assertTrue(self.sb.bot("setWebhook", url="http://127.0.0.1:9/hook").ok)
        th.join(10)
        self.assertBad(out["r"], 409, "webhook is active")
        self.sb.bot("deleteWebhook")

    def test_bad_parameters(self):
        self.assertBad(self.sb.bot("getUpdates", offset="abc"), 400, "getUpdates")
        self.assertBad(self.sb.bot("getUpdates", timeout=[1]), 400, "getUpdates")


class TimeScale(SandboxCase):
    sandbox_args = {"time_scale": 10}

    def test_long_poll_runs_faster(self):
        self.sb.user(UID, "Ravi")
        start = time.monotonic()
        r = self.sb.bot("getUpdates", timeout=5)
        took = time.monotonic() - start
        self.assertEqual(r.result, [])
        self.assertGreater(took, 0.4)
        self.assertLess(took, 2.0)


class SeveralBots(SandboxCase):
    sandbox_args = {"tokens": ("111:AAA", "222:BBB")}

    def test_each_bot_has_its_own_queue(self):
        self.sb.user(UID, "Ravi")
        r = self.sb.ctl("POST", "send", {"user_id": UID, "text": "hi"})
        self.assertBad(r, 400, "token")
        self.assertTrue(self.sb.ctl("POST", "send", {"user_id": UID, "text": "to B", "token": "222:BBB"}).ok)
        self.assertEqual(self.sb.bot("getUpdates", token="111:AAA").result, [])
        got = self.sb.bot("getUpdates", token="222:BBB").result
        self.assertEqual([u["message"]["text"] for u in got], ["to B"])
        self.assertEqual(self.sb.bot("getMe", token="222:BBB").result["id"], 222)
        self.sb.bot("sendMessage", token="111:AAA", chat_id=UID, text="from A")
        self.assertEqual(len(self.sb.transcript(UID, token="111:AAA")), 1)
        self.assertEqual(len(self.sb.transcript(UID, token="222:BBB")), 1)


class Shutdown(SandboxCase):
    def test_sigterm_ends_long_polls_and_delays(self):
        sb = Sandbox()
        try:
            sb.user(UID, "Ravi")
            sb.ctl("POST", "faults", {"method": "getMe", "delay_ms": 300000})
            out = {}
            polls = [threading.Thread(target=lambda: out.setdefault("poll", sb.bot("getUpdates", timeout=50))),
                     threading.Thread(target=lambda: out.setdefault("me", sb.bot("getMe")))]
            for t in polls:
                t.start()
            time.sleep(0.3)
            start = time.monotonic()
            self.assertEqual(sb.stop(), 0)
            self.assertLess(time.monotonic() - start, 5)
            for t in polls:
                t.join(10)
                self.assertFalse(t.is_alive())
            self.assertEqual(out["poll"].result, [])  # the long poll got its empty answer
        finally:
            if sb.proc.poll() is None:
                sb.proc.kill()
                sb.proc.wait()

    def test_exit_with_parent(self):
        import subprocess
        from sbtest import sandbox_binary
        script = '"$0" --port 0 --token 1:A --exit-with-parent >/dev/null & echo $!; sleep 0.3'
        out = subprocess.run(["sh", "-c", script, sandbox_binary()], capture_output=True, timeout=10)
        pid = int(out.stdout.split()[0])
        end = time.monotonic() + 5
        while time.monotonic() < end:
            try:
                with open("/proc/%d/stat" % pid) as f:
                    if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                        break  # exited; a zombie until someone reaps it
            except FileNotFoundError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, 9)
            self.fail("the sandbox outlived its parent")


if __name__ == "__main__":
    main()
