#!/usr/bin/python3
"""Title audit (issue 10, class 6) on made-up titles in capitals: for
documents of an index, asks build/tests/audit_titles (make audit-titles)
what title.c makes, with the document's own text, of

  glue   a span of 3-6 words of the document's text in capitals with two
         neighbours glued (« DESRENCONTRES »): they must come back apart,
         the other words not be split, and every word read as the span
         wrote it, case aside
  other  another document's title (3 words or more, no digits) in
         capitals: no word may be split (the text lacks most of its words)

and checks that no title comes back in capitals. Prints the rates and
examples of each failure. Usage:

  tests/audit/titles.py --db INDEX [--docs N] [--seed S] [--examples K]
"""
import argparse
import random
import re
import sqlite3
import subprocess
import sys
import os

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from audit import WORD, fold, is_upper_line  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(ROOT, "build", "tests", "audit_titles")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--formats", default="text,html")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    db = sqlite3.connect("file:%s?mode=ro" % a.db, uri=True)
    fmts = a.formats.split(",")
    docs = db.execute("SELECT id, path, title FROM documents WHERE format IN (%s) ORDER BY path" %
                      ",".join("?" * len(fmts)), fmts).fetchall()
    titles = [t for _, _, t in docs
              if len(WORD.findall(t)) >= 3 and not re.search(r"[0-9_./()\[\]@:=+#\\<>%$]", t)
              and not is_upper_line(t)]
    rnd.shuffle(docs)
    asks, want = [], {}
    for doc, path, _ in docs[:a.docs]:
        text = "\n".join(t for (t,) in db.execute(
            "SELECT text FROM chunks WHERE id BETWEEN ? AND ? ORDER BY id",
            (doc << 20, (doc << 20) + (1 << 20) - 1)))
        ms = list(WORD.finditer(text))
        for _ in range(20):
            if len(ms) < 8:
                break
            n = rnd.randint(3, 6)
            i = rnd.randrange(0, len(ms) - n)
            span = ms[i:i + n]
            if any(text[x.end():y.start()] != " " for x, y in zip(span, span[1:])):
                continue
            ws = [m.group(0) for m in span]
            if any(len(w) >= 2 and w.isupper() for w in ws):
                continue  # the text's own capitals: glued there already
            g = rnd.randrange(0, n - 1)
            if len(ws[g]) < 2 or len(ws[g + 1]) < 2:
                continue
            glued = ws[:g] + [ws[g] + ws[g + 1]] + ws[g + 2:]
            title = " ".join(glued).upper()
            if len(WORD.findall(title)) != len(glued):
                continue
            asks.append((path, title))
            want[(path, title)] = ("glue", ws, g)
            break
        other = rnd.choice(titles)
        title = other.upper()
        if is_upper_line(title) and len(WORD.findall(title)) == len(WORD.findall(other)):
            asks.append((path, title))
            want[(path, title)] = ("other", WORD.findall(other), None)
    inp = "".join("%s\t%s\n" % x for x in asks)
    out = subprocess.run([TOOL], input=inp.encode("utf-8"), stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=False).stdout.decode("utf-8", "replace")
    stats = {}
    bad = {}

    def count(inv, ok, ex):
        stats[inv] = stats.get(inv, 0) + 1
        if not ok:
            bad.setdefault(inv, []).append(ex)
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or (parts[0], parts[1]) not in want:
            continue
        path, title, got = parts
        kind, ws, g = want[(path, title)]
        gw = WORD.findall(got)
        ex = "%s | %s | %s" % (os.path.basename(path), title, got)
        count("title.capitals", not is_upper_line(got) or all(
            w.isupper() and len(w) <= 5 for w in gw), ex)
        if kind == "glue":
            count("glue.split", len(gw) == len(ws) and fold(gw[g]) == fold(ws[g])
                  and fold(gw[g + 1]) == fold(ws[g + 1]), ex)
            count("glue.words", [fold(w) for w in gw] == [fold(w) for w in ws], ex)
            if len(gw) == len(ws):
                count("glue.spelling", all(x.lower() == y.lower() for x, y in zip(gw, ws)), ex)
        else:
            count("other.false_split", len(gw) == len(ws), ex)
            if len(gw) == len(ws):
                count("other.spelling", all(x.lower() == y.lower() for x, y in zip(gw, ws)), ex)
    for inv in sorted(stats):
        b = len(bad.get(inv, []))
        print("%-22s %6d checked %5d violated %6.2f%%" % (inv, stats[inv], b,
                                                          100.0 * b / stats[inv]))
    for inv in sorted(bad):
        for ex in bad[inv][:a.examples]:
            print("  %s: %s" % (inv, ex))


if __name__ == "__main__":
    main()
