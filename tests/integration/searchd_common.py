"""Shared helpers of the searchd_* integration suites (not a suite itself:
it is not executable). Starts bin/indexer and bin/searchd from $REPERE_BIN,
speaks HTTP with http.client (so odd targets go out byte for byte) and prints
TAP lines."""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.environ.get("REPERE_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("REPERE_BIN") or os.path.join(ROOT, "bin")
ASAN = os.environ.get("REPERE_ASAN") == "1"
# Sanitized binaries start and answer several times slower.
SLOW = 4 if ASAN else 1
T0 = time.time()
READY = re.compile(r"^searchd: listening on http://([^/]+):(\d+)/$")


class Tap:
    """TAP output: ok N - name / not ok N - name, then the plan."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=None, todo=None):
        """todo: the issue that will make a failing check pass; the line
        carries "# TODO issue N" and its failure does not fail the suite."""
        self.n += 1
        if os.environ.get("TAP_TIMES"):
            print("# %.2fs" % (time.time() - T0), flush=True)
        directive = " # TODO %s" % todo if todo else ""
        if cond:
            print("ok %d - %s%s" % (self.n, name, directive), flush=True)
        else:
            if not todo:
                self.failed += 1
            print("not ok %d - %s%s" % (self.n, name, directive), flush=True)
            if detail is not None:
                for line in str(detail).splitlines()[:80]:
                    print("# " + line, flush=True)
        return cond

    def skip(self, name, why):
        """A check this machine cannot make, shown as a skip (not a pass)."""
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why), flush=True)

    def check(self, name, fn):
        """Runs fn() -> (cond, detail); an exception is a failure."""
        try:
            cond, detail = fn()
        except Exception as e:  # report and go on with the next check
            cond, detail = False, "%s: %s" % (type(e).__name__, e)
        return self.ok(cond, name, detail)

    def done(self):
        print("1..%d" % self.n, flush=True)
        sys.exit(1 if self.failed else 0)


def tempdir(tag):
    return tempfile.mkdtemp(prefix="repere-%s-" % tag)


def index(db, *paths, prune=False):
    """Runs the indexer; returns its exit status (0, or 3 when some files
    failed, are both acceptable for a corpus)."""
    cmd = [os.path.join(BIN, "indexer"), "--db", db, "--quiet"]
    if prune:
        cmd.append("--prune")
    cmd += list(paths)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=300)
    if p.returncode not in (0, 3):
        raise RuntimeError("indexer exited %d: %s" % (
            p.returncode, p.stderr.decode("utf-8", "replace")[-2000:]))
    return p.returncode


class Server:
    """bin/searchd on 127.0.0.1 (or host), port 0; the ready line gives the
    port. env: variables added to searchd's environment."""

    def __init__(self, db, *args, host="127.0.0.1", env=None):
        self.log = []
        self.host = host
        listen = "[%s]:0" % host if ":" in host else "%s:0" % host
        cmd = [os.path.join(BIN, "searchd"), "--db", db, "--listen", listen] + list(args)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE,
                                     env=dict(os.environ, **env) if env else None)
        self.port = None
        self.ready_line = None
        deadline = time.time() + 20 * SLOW
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            text = line.decode("utf-8", "replace").rstrip("\n")
            self.log.append(text)
            m = READY.match(text)
            if m:
                self.ready_line = text
                self.port = int(m.group(2))
                break
        if self.port is None:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError("searchd did not start: %s" % "\n".join(self.log))
        self._drain = threading.Thread(target=self._read_log, daemon=True)
        self._drain.start()

    def _read_log(self):
        for line in self.proc.stderr:
            self.log.append(line.decode("utf-8", "replace").rstrip("\n"))

    def wait_log(self, pred, timeout=10):
        """Lines of the log satisfying pred, waiting for one to appear: a
        request's log line is written just after its answer is sent."""
        deadline = time.time() + timeout * SLOW
        while True:
            lines = [l for l in list(self.log) if pred(l)]
            if lines or time.time() > deadline:
                return lines
            time.sleep(0.02)

    def alive(self):
        return self.proc.poll() is None

    def request(self, path, method="GET", headers=None, timeout=None):
        """Returns (status, headers dict lowercased, body bytes)."""
        conn = http.client.HTTPConnection(self.host, self.port,
                                          timeout=timeout or 30 * SLOW)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            conn.endheaders()
            r = conn.getresponse()
            body = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, body
        finally:
            conn.close()

    def json(self, path, **kw):
        status, headers, body = self.request(path, **kw)
        return status, headers, json.loads(body.decode("utf-8"))

    def stop(self, sig=signal.SIGTERM):
        """Sends sig and returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=30 * SLOW)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self._drain.join(timeout=5)
        return rc


def cleanup(*dirs):
    for d in dirs:
        shutil.rmtree(d, ignore_errors=True)


def require_binaries(tap):
    for b in ("indexer", "searchd"):
        if not os.access(os.path.join(BIN, b), os.X_OK):
            tap.ok(False, "%s binary exists in %s" % (b, BIN))
            tap.done()
