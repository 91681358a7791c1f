"""Bad requests never crash the sandbox: the corpus in corpus/ is replayed
over HTTP, then seeded random mutations of valid requests, then huge bodies.
Every answer must be Telegram's error envelope with a 4xx (or a success),
never a 5xx, and the sandbox must stay up and exit cleanly."""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sbtest import SandboxCase, main  # noqa: E402

UID = 7800000001
HERE = os.path.dirname(os.path.abspath(__file__))
OK_STATUSES = {200, 400, 403, 404, 405, 409, 413, 429}

VALID = [
    ("sendMessage", {"chat_id": UID, "text": "<b>hi</b>", "parse_mode": "HTML",
                     "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}}),
    ("editMessageText", {"chat_id": UID, "message_id": 2, "text": "x"}),
    ("editMessageReplyMarkup", {"chat_id": UID, "message_id": 2,
                                "reply_markup": {"inline_keyboard": [[{"text": "B", "callback_data": "b"}]]}}),
    ("deleteMessage", {"chat_id": UID, "message_id": 3}),
    ("answerCallbackQuery", {"callback_query_id": "1", "text": "ok"}),
    ("getUpdates", {"offset": 1, "limit": 5, "timeout": 0, "allowed_updates": ["message"]}),
    ("setMyCommands", {"commands": [{"command": "start", "description": "Start"}],
                       "scope": {"type": "chat", "chat_id": UID}}),
    ("getMyCommands", {"scope": {"type": "default"}, "language_code": "en"}),
    ("sendDocument", {"chat_id": UID, "document": "SBFD1", "caption": "c"}),
    ("getWebhookInfo", {}),
    ("sandbox/send", {"user_id": UID, "text": "/start"}),
    ("sandbox/press", {"user_id": UID, "data": "a", "forge": True}),
    ("sandbox/users", {"id": UID + 1, "first_name": "N"}),
]

WEIRD = [None, True, False, 0, -1, 1.5, 2 ** 63, -2 ** 63, 1e308, "", "x" * 5000, "\u0905" * 10,
         "<b>", "&", [], [[]], {}, {"type": 5}, [{"text": None}], "null", "{}", "\ud7ff"]


def mutate(rng, params):
    p = json.loads(json.dumps(params))
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        keys = list(p.keys())
        if keys and op < 0.4:
            p[rng.choice(keys)] = rng.choice(WEIRD)
        elif keys and op < 0.6:
            del p[rng.choice(keys)]
        elif op < 0.8:
            p[rng.choice(["chat_id", "text", "reply_markup", "offset", "timeout_ms", "x"])] = rng.choice(WEIRD)
        else:
            p = rng.choice([[], "str", 5, None, [p]])
            break
    return p


class BadRequests(SandboxCase):
    sandbox_args = {"no_limits": True}

    def setUp(self):
        super().setUp()
        self.sb.user(UID, "Fuzz")
        self.sb.bot("sendMessage", chat_id=UID, text="seed",
                    reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})

    def post(self, path, ctype, body):
        url = "/" + path if path.startswith("sandbox/") else "/bot%s/%s" % (self.sb.tokens[0], path)
        return self.sb.request("POST", url, body, {"Content-Type": ctype})

    def check(self, r, what):
        self.assertIn(r.status, OK_STATUSES, "%s -> %r" % (what, r))
        self.assertIsNotNone(r.json, "%s -> not JSON: %r" % (what, r))
        if r.status != 200:
            self.assertFalse(r.json["ok"], what)
            self.assertIsInstance(r.json["description"], str, what)

    def test_corpus(self):
        files = sorted(os.listdir(os.path.join(HERE, "corpus")))
        self.assertGreater(len(files), 40)
        for name in files:
            with open(os.path.join(HERE, "corpus", name), "rb") as f:
                path, ctype, body = f.read().split(b"\n", 2)
            r = self.post(path.decode(), ctype.decode(), body)
            self.check(r, name)
            if r.status == 200:
                continue
            self.assertIn(r.status, {400, 404, 413}, name)
        self.assertTrue(self.sb.alive())

    def test_random_mutations(self):
        rng = random.Random(20261129)
        for i in range(400):
            path, params = rng.choice(VALID)
            body = mutate(rng, params)
            r = self.post(path, "application/json", json.dumps(body).encode())
            self.check(r, "#%d %s %s" % (i, path, json.dumps(body)[:200]))
        self.assertTrue(self.sb.alive())

    def test_random_bytes(self):
        rng = random.Random(7)
        for i in range(150):
            n = rng.choice([1, 10, 100, 1000])
            body = bytes(rng.getrandbits(8) for _ in range(n))
            for ctype in ("application/json", "application/x-www-form-urlencoded"):
                self.check(self.post("sendMessage", ctype, body), "bytes #%d %s" % (i, ctype))
        self.assertTrue(self.sb.alive())

    def test_huge_bodies(self):
        big_json = json.dumps({"chat_id": UID, "text": "x" * (1 << 20)}).encode()
        r = self.post("sendMessage", "application/json", big_json)
        self.assertEqual(r.status, 413, r)
        self.assertEqual(r.json["description"], "Request Entity Too Large")
        big_form = b"chat_id=1&text=" + b"y" * ((1 << 20) + 10)
        self.assertEqual(self.post("sendMessage", "application/x-www-form-urlencoded", big_form).status, 413)
        boundary = "B0undary"
        part = ("--%s\r\nContent-Disposition: form-data; name=\"document\"; filename=\"big.bin\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % boundary).encode()
        huge = part + b"\0" * (21 << 20) + ("\r\n--%s--\r\n" % boundary).encode()
        r = self.post("sendDocument", "multipart/form-data; boundary=" + boundary, huge)
        self.assertEqual(r.status, 413, r)
        ok = part + b"\1" * (5 << 20) + ("\r\n--%s\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n%d"
                                          "\r\n--%s--\r\n" % (boundary, UID, boundary)).encode()
        r = self.post("sendDocument", "multipart/form-data; boundary=" + boundary, ok)
        self.assertTrue(r.ok, r)
        self.assertEqual(r.result["document"]["file_size"], 5 << 20)
        self.assertTrue(self.sb.alive())


if __name__ == "__main__":
    main()
