"""Black-box helpers for fitbot-sandbox tests: start the binary on a free
port, call the Bot API (JSON, form, multipart, query) and the control API.

The binary comes from $FITBOT_SANDBOX (ctest sets it)."""
import atexit
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid

TOKEN = "123456:TEST-token_abc"


def sandbox_binary():
    path = os.environ.get("FITBOT_SANDBOX")
    if not path or not os.access(path, os.X_OK):
        raise RuntimeError("FITBOT_SANDBOX must name the fitbot-sandbox binary")
    return path


_started = []


def _die_with_parent():
    """Runs in the child: the sandbox gets SIGKILL if the test process dies
    (a ctest timeout), so no sandbox is ever left behind."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


@atexit.register
def _kill_leftovers():
    for proc in _started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class Reply:
    """An HTTP answer: status, raw bytes, parsed JSON (or None)."""

    def __init__(self, status, raw):
        self.status = status
        self.raw = raw
        try:
            self.json = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            self.json = None

    @property
    def ok(self):
        return bool(self.json and self.json.get("ok"))

    @property
    def result(self):
        return self.json["result"]

    @property
    def description(self):
        return (self.json or {}).get("description", "")

    def __repr__(self):
        return "Reply(%d, %r)" % (self.status, self.raw[:300])


class Sandbox:
    def __init__(self, tokens=(TOKEN,), time_scale=None, no_limits=False, extra_args=()):
        args = [sandbox_binary(), "--port", "0"]
        for t in tokens:
            args += ["--token", t]
        if time_scale:
            args += ["--time-scale", str(time_scale)]
        if no_limits:
            args.append("--no-limits")
        args += list(extra_args)
        self.tokens = list(tokens)
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     preexec_fn=_die_with_parent)
        _started.append(self.proc)
        line = self.proc.stdout.readline().decode()
        if "listening on http://127.0.0.1:" not in line:
            self.proc.kill()
            raise RuntimeError("sandbox did not start: %r %r" % (line, self.proc.stderr.read()))
        self.base = line.strip().split(" on ")[1]
        self.port = int(self.base.rsplit(":", 1)[1])

    # ---- raw HTTP ----
    def request(self, verb, path, body=None, headers=None, timeout=30):
        req = urllib.request.Request(self.base + path, data=body, method=verb, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return Reply(r.status, r.read())
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.read())

    # ---- bot side ----
    def bot(self, method, token=None, http_timeout=60, **params):
        """Calls a Bot API method with a JSON body."""
        body = json.dumps(params).encode()
        return self.request("POST", "/bot%s/%s" % (token or self.tokens[0], method), body,
                            {"Content-Type": "application/json"}, http_timeout)

    def bot_form(self, method, token=None, **params):
        """Calls a Bot API method with a form-urlencoded body (values as text)."""
        enc = {k: (json.dumps(v) if isinstance(v, (dict, list)) else str(v)) for k, v in params.items()}
        body = urllib.parse.urlencode(enc).encode()
        return self.request("POST", "/bot%s/%s" % (token or self.tokens[0], method), body,
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def bot_query(self, method, token=None, **params):
        q = urllib.parse.urlencode({k: str(v) for k, v in params.items()})
        return self.request("GET", "/bot%s/%s?%s" % (token or self.tokens[0], method, q))

    def bot_multipart(self, method, fields, files, token=None):
        """files: {name: (file_name, bytes, mime)}"""
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in fields.items():
            v = json.dumps(v) if isinstance(v, (dict, list)) else str(v)
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                          % (boundary, k, v)).encode())
        for k, (fname, data, mime) in files.items():
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                          "Content-Type: %s\r\n\r\n" % (boundary, k, fname, mime)).encode() + data + b"\r\n")
        body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()
        return self.request("POST", "/bot%s/%s" % (token or self.tokens[0], method), body,
                            {"Content-Type": "multipart/form-data; boundary=" + boundary})

    # ---- control side ----
    def ctl(self, verb, path, body=None, http_timeout=60, **query):
        q = ("?" + urllib.parse.urlencode({k: str(v) for k, v in query.items()})) if query else ""
        data = json.dumps(body).encode() if body is not None else (b"" if verb != "GET" else None)
        return self.request(verb, "/sandbox/" + path + q, data, {"Content-Type": "application/json"}, http_timeout)

    def user(self, uid, first_name="User", **kw):
        r = self.ctl("POST", "users", dict(id=uid, first_name=first_name, **kw))
        assert r.ok, r
        return r.result

    def send(self, user_id, text=None, **kw):
        body = dict(user_id=user_id, **kw)
        if text is not None:
            body["text"] = text
        r = self.ctl("POST", "send", body)
        assert r.ok, r
        return r.result

    def press(self, user_id, **kw):
        return self.ctl("POST", "press", dict(user_id=user_id, **kw))

    def transcript(self, chat_id, **q):
        r = self.ctl("GET", "transcript", chat_id=chat_id, **q)
        assert r.ok, r
        return r.result["messages"]

    def counters(self):
        r = self.ctl("GET", "counters")
        assert r.ok, r
        return r.result

    def alive(self):
        return self.proc.poll() is None and self.ctl("GET", "health").ok

    def stop(self):
        """Stops with SIGTERM; returns the exit code (0 expected)."""
        if hasattr(self, "stderr"):
            return self.proc.returncode
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return -9
        self.stderr = self.proc.stderr.read().decode(errors="replace")
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.proc.returncode


class SandboxCase(unittest.TestCase):
    """One sandbox per test class; reset between tests."""
    sandbox_args = {}

    @classmethod
    def setUpClass(cls):
        cls.sb = Sandbox(**cls.sandbox_args)

    @classmethod
    def tearDownClass(cls):
        rc = cls.sb.stop()
        if rc != 0:
            raise AssertionError("sandbox exited with %d: %s" % (rc, cls.sb.stderr[-3000:]))

    def setUp(self):
        r = self.sb.ctl("POST", "reset")
        self.assertTrue(r.ok, r)

    def assertBad(self, reply, status, fragment):
        self.assertEqual(reply.status, status, reply)
        self.assertIsNotNone(reply.json, reply)
        self.assertFalse(reply.json["ok"], reply)
        self.assertEqual(reply.json["error_code"], status, reply)
        self.assertIn(fragment, reply.json["description"], reply)


def main():
    unittest.main(verbosity=2)
