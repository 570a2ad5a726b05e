"""robust_common: helpers shared by the robustness suites (hostile_docs,
crash_consistency, load_abuse): TAP output, running the real indexer,
starting the real searchd on 127.0.0.1 with a free port, HTTP requests and
small PDF builders. Not a test itself (not executable)."""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.environ.get("REPERE_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BIN = os.environ.get("REPERE_BIN", os.path.join(ROOT, "bin"))
ASAN = os.environ.get("REPERE_ASAN") == "1"
INDEXER = os.path.join(BIN, "indexer")
SEARCHD = os.path.join(BIN, "searchd")


def require_programs(*paths):
    """Skips the whole suite (TAP plan 1..0) when a program is not built."""
    missing = [p for p in paths if not os.access(p, os.X_OK)]
    if missing:
        print("1..0 # SKIP not built: %s" % ", ".join(missing), flush=True)
        sys.exit(0)


class Tap:
    """TAP producer: ok/not ok lines at column 0, plan printed at the end."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        if cond:
            print("ok %d - %s" % (self.n, name), flush=True)
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, name), flush=True)
            if diag:
                for line in str(diag).splitlines()[:40]:
                    print("#   " + line, flush=True)
        return cond

    def skip(self, name, why):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why), flush=True)

    def diag(self, msg):
        for line in str(msg).splitlines():
            print("# " + line, flush=True)

    def done(self):
        print("1..%d" % self.n, flush=True)
        sys.exit(1 if self.failed else 0)


def run_indexer(args, timeout=300, env=None, prefix=None):
    """Runs bin/indexer ARGS; returns (status, stdout, stderr) as str
    (undecodable bytes escaped). prefix: a command to run it under."""
    cmd = (prefix or []) + [INDEXER] + list(args)
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=full_env)
    dec = lambda b: b.decode("utf-8", "backslashreplace")
    return p.returncode, dec(p.stdout), dec(p.stderr)


def check_index(db):
    """indexer --check: (status, documents or None, output)."""
    rc, out, err = run_indexer(["--db", db, "--check"], timeout=300)
    docs = None
    for word in out.split():
        if word.isdigit():
            docs = int(word)
            break
    return rc, docs, out + err


class Searchd:
    """The real daemon on 127.0.0.1, port 0; stderr goes to a log file."""

    def __init__(self, db, workdir, extra=None):
        self.log_path = os.path.join(workdir, "searchd-%d.log" % time.monotonic_ns())
        self.log = open(self.log_path, "wb")
        cmd = [SEARCHD, "--db", db, "--listen", "127.0.0.1:0"] + list(extra or [])
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self.log)
        self.base = None
        deadline = time.monotonic() + (60 if ASAN else 20)
        while time.monotonic() < deadline and self.proc.poll() is None:
            with open(self.log_path, "rb") as f:
                for line in f.read().decode("utf-8", "replace").splitlines():
                    if "listening on http://" in line:
                        self.base = line.split("listening on ", 1)[1].strip().rstrip("/")
            if self.base:
                break
            time.sleep(0.05)
        if not self.base:
            self.stop()
            raise RuntimeError("searchd did not start: " + self.tail())

    def tail(self, n=20):
        with open(self.log_path, "rb") as f:
            return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-n:])

    def get(self, path, timeout=30):
        """GET path; returns (status, body bytes)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def search(self, q, **params):
        """GET /api/search; returns (status, parsed JSON or None)."""
        params["q"] = q
        status, body = self.get("/api/search?" + urllib.parse.urlencode(params))
        try:
            return status, json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return status, None

    def stop(self):
        """SIGTERM, then waits; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def make_pdf(path, pages, title=None):
    """A real PDF (reportlab) with one string of text per page."""
    from reportlab.lib.pagesizes import A6
    from reportlab.pdfgen import canvas

    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    c = canvas.Canvas(path, pagesize=A6)
    if title:
        c.setTitle(title)
    for text in pages:
        y = 380
        for line in text.split("\n"):
            c.drawString(20, y, line)
            y -= 14
        c.showPage()
    c.save()
