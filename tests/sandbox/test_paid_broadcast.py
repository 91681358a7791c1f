"""Paid broadcasts: allow_paid_broadcast on sendMessage / sendPhoto /
sendDocument is judged against its own window (1000/s, not the free 30/s),
the per-chat pace still applies, each costs 0.1 Star (counted), and a bot
whose balance cannot pay is refused with 400 (the sandbox's text: "Bad
Request: not enough stars")."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7400000001
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10" + b"\x00" * 40


class PaidWindow(SandboxCase):
    """At time scale 0.1 a real second is a tenth of a sandbox second, so
    the windows cannot empty while the requests are made."""
    sandbox_args = {"time_scale": 0.1}

    def users(self, base, n):
        ids = list(range(base, base + n))
        for i in ids:
            self.sb.user(i, "U")
        return ids

    def test_paid_messages_exceed_the_free_global_rate(self):
        ids = self.users(7400001000, 60)
        got = [self.sb.bot("sendMessage", chat_id=i, text="hi", allow_paid_broadcast=True).status
               for i in ids]
        self.assertEqual(got, [200] * 60)
        c = self.sb.counters()
        self.assertEqual(c["limit_violations"], 0)
        self.assertEqual(c["paid_messages"], 60)
        self.assertEqual(c["stars_spent_x10"], 60)

    def test_free_window_untouched_by_paid_ones(self):
        ids = self.users(7400002000, 30)
        paid = [self.sb.bot("sendMessage", chat_id=i, text="p", allow_paid_broadcast=True).status
                for i in ids]
        free = [self.sb.bot("sendMessage", chat_id=i, text="f").status for i in ids]
        self.assertEqual(paid + free, [200] * 60)
        free_more = self.sb.bot("sendMessage", chat_id=UID + 5, text="x")
        self.assertEqual(free_more.status, 400)  # unknown chat, not a limit
        self.sb.user(UID, "Asha")
        self.assertBad(self.sb.bot("sendMessage", chat_id=UID, text="31st"), 429, "Too Many Requests")
        c = self.sb.counters()
        self.assertEqual(c["paid_messages"], 30)
        self.assertEqual(c["limit_violations_global"], 1)

    def test_paid_window_has_its_own_limit(self):
        self.assertTrue(self.sb.ctl("POST", "limits", {"paid_per_s": 5}).ok)
        ids = self.users(7400003000, 7)
        got = [self.sb.bot("sendMessage", chat_id=i, text="p", allow_paid_broadcast=True).status
               for i in ids]
        self.assertEqual(got, [200] * 5 + [429] * 2)
        self.assertEqual(self.sb.counters()["paid_messages"], 5)
        self.assertEqual(self.sb.ctl("GET", "limits").result["paid_per_s"], 5)

    def test_per_chat_pace_still_applies(self):
        self.sb.user(UID, "Asha")
        got = [self.sb.bot("sendMessage", chat_id=UID, text="m%d" % i,
                           allow_paid_broadcast=True) for i in range(4)]
        self.assertEqual([r.status for r in got[:3]], [200] * 3)
        self.assertBad(got[3], 429, "Too Many Requests")
        c = self.sb.counters()
        self.assertEqual(c["limit_violations_chat"], 1)
        self.assertEqual(c["paid_messages"], 3)

    def test_photo_and_document_by_file_id(self):
        self.sb.user(UID, "Asha")
        up = self.sb.bot_multipart("sendPhoto", {"chat_id": UID}, {"photo": ("p.png", PNG, "image/png")})
        doc = self.sb.bot_multipart("sendDocument", {"chat_id": UID},
                                    {"document": ("a.txt", b"abc", "text/plain")})
        self.assertTrue(up.ok and doc.ok)
        self.sb.user(UID + 1, "Ravi")
        p = self.sb.bot("sendPhoto", chat_id=UID + 1, photo=up.result["photo"][-1]["file_id"],
                        caption="c", allow_paid_broadcast=True)
        d = self.sb.bot("sendDocument", chat_id=UID + 1, document=doc.result["document"]["file_id"],
                        allow_paid_broadcast=True)
        self.assertTrue(p.ok and d.ok, (p, d))
        c = self.sb.counters()
        self.assertEqual(c["paid_messages"], 2)
        self.assertEqual(c["stars_spent_x10"], 2)


class Stars(SandboxCase):
    def setUp(self):
        super().setUp()
        self.ids = list(range(7400004000, 7400004004))
        for i in self.ids:
            self.sb.user(i, "U")

    def test_not_enough_stars(self):
        self.assertTrue(self.sb.ctl("POST", "stars", {"stars": 0.2}).ok)
        got = [self.sb.bot("sendMessage", chat_id=i, text="p", allow_paid_broadcast=True)
               for i in self.ids[:3]]
        self.assertEqual([r.status for r in got[:2]], [200, 200])
        self.assertBad(got[2], 400, "Bad Request: not enough stars")
        self.assertEqual(len(self.sb.transcript(self.ids[2])), 0)
        free = self.sb.bot("sendMessage", chat_id=self.ids[3], text="free")
        self.assertTrue(free.ok, free)  # an unpaid send needs no Stars
        c = self.sb.counters()
        self.assertEqual(c["paid_messages"], 2)
        self.assertEqual(c["stars_spent_x10"], 2)
        self.assertEqual(c["stars_balance_x10"], 0)
        self.assertEqual(c["responses_400_no_stars"], 1)

    def test_reset_restores_enough_stars(self):
        self.assertTrue(self.sb.ctl("POST", "stars", {"stars": 0}).ok)
        self.assertTrue(self.sb.ctl("POST", "reset").ok)
        for i in self.ids:
            self.sb.user(i, "U")
        r = self.sb.bot("sendMessage", chat_id=self.ids[0], text="p", allow_paid_broadcast=True)
        self.assertTrue(r.ok, r)

    def test_bad_values_refused(self):
        self.assertBad(self.sb.ctl("POST", "stars", {"stars": -1}), 400, "stars")
        self.assertBad(self.sb.ctl("POST", "stars", {}), 400, "stars")
        self.assertBad(self.sb.bot("sendMessage", chat_id=self.ids[0], text="p",
                                   allow_paid_broadcast="maybe"), 400, "allow_paid_broadcast")
        self.assertEqual(self.sb.counters()["paid_messages"], 0)

    def test_false_is_free(self):
        r = self.sb.bot("sendMessage", chat_id=self.ids[0], text="p", allow_paid_broadcast=False)
        self.assertTrue(r.ok, r)
        self.assertEqual(self.sb.counters()["paid_messages"], 0)


if __name__ == "__main__":
    main()
