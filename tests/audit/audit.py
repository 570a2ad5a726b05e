#!/usr/bin/python3
"""Audit of what searchd shows (issue 10, classes 4-6): draws many queries
from the index's own documents (spans of 2-4 words of a random chunk, the
same in quotes, without accents, without apostrophes, with a letter dropped
or two swapped; the first words of titles), asks a running searchd, and
checks invariants on every answer:

  snippet.html      only <mark> tags, balanced and not empty; '&' only in
                    entities; no '<' or '>' outside the tags; no U+FFFD
  snippet.text      the snippet (marks and "…" taken off) is the text of the
                    document, and every mark wraps the document's own bytes
  snippet.function  marks only on function words (or none at all) while
                    the document's body writes a content word of the query
  snippet.together  the query's words stand together in the body (the span
                    drawn, quoted or not) but not in the snippet
  snippet.page      a PDF hit's page does not hold the snippet's text
  suggest.correct   a query of words the index has gets a suggestion
  suggest.same      a suggestion equal to the query (folded)
  suggest.form      the misspelt word corrected back to the word it came
                    from, but not as the index writes it most often (when
                    typed without accents) or without the accents typed
  suggest.kept      a word that was not misspelt is changed
  title.capitals    a title shown in capitals (not a name: no digit, '.',
                    '_', '(' ...)

Ground truth comes from the index file itself (chunks, documents,
spelling tables, read-only with Python's sqlite3), not from the engine's
code. Function words are a list of French articles, prepositions,
pronouns, conjunctions and auxiliaries written here, with the words a
question passes over in query.c (« pouvez », « comment »): « non »,
« sans », « pas », « jamais » are content words. Prints one line per invariant (checked,
violated, rate) and a few examples of each; --tap prints TAP lines
instead (zero violations asked of each). Usage:

  tests/audit/audit.py --db INDEX --url http://127.0.0.1:PORT [--queries N]
                       [--seed S] [--examples K] [--json FILE] [--tap]
"""
import argparse
import html
import json
import random
import re
import sqlite3
import sys
import unicodedata
import urllib.parse
import urllib.request

FUNCTION_WORDS = set("""
a à ai as au aux avec c ça ce ceci cela celle celles celui ces cet cette ceux
chez d dans de des du elle elles en entre es est et été étaient était être eu
eux il ils j je l la le les leur leurs lui m ma me même mes moi mon n ne nos
notre nous on ont ou où par parce pour qu que quel quelle quelles quels qui
s sa se ses si son sont sous suis sur t ta te tes toi ton tu un une unes uns
vos votre vous y aussi ainsi donc mais or ni car dont lors puis très plus
moins tout toute tous toutes afin avoir fait faire peut être sera sont
autre autres depuis selon vers jusqu lorsqu puisqu quoiqu
avez avons devez devons dois doit doivent etais ete etes faut peuvent peux
pouvez pouvons sommes comment pourquoi combien quand quoi lequel laquelle
lesquels lesquelles
""".split())

WORD = re.compile(r"[^\W\d_]+")
APOS = "'\u2019\u02bc\u2018"


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower()


def words(s):
    return WORD.findall(fold(s))


def is_function(w):
    return fold(w) in FOLDED_FUNCTION


FOLDED_FUNCTION = {fold(w) for w in FUNCTION_WORDS}


def squash(s):
    return " ".join(s.split())


def is_upper_line(s):
    letters = sum(1 for c in s if c.isalpha())
    lower = sum(1 for c in s if c.isalpha() and c.islower())
    return letters >= 3 and lower * 8 <= letters


def technical(title):
    return bool(re.search(r"[0-9_./()\[\]@:=+#\\<>%$]", title))


class Index:
    """The index file, read-only: documents, chunks, spelling."""

    def __init__(self, path):
        self.db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        self.db.text_factory = lambda b: b.decode("utf-8", "replace")
        self.cache = {}
        # in path order: ids follow the order the indexer's jobs finished,
        # and a seed must draw the same queries from the same corpus
        self.docs = [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY path")]
        self.forms = None

    def chunks(self, doc):
        """[(page, text)] of a document."""
        c = self.cache.get(doc)
        if c is None:
            if len(self.cache) > 3000:
                self.cache.clear()
            # a chunk's id is its document's id << 20 + its number (schema.h)
            c = self.db.execute(
                "SELECT page, text FROM chunks WHERE id BETWEEN ? AND ? ORDER BY id",
                (doc << 20, (doc << 20) + (1 << 20) - 1)).fetchall()
            self.cache[doc] = c
        return c

    def body_words(self, doc):
        key = ("w", doc)
        c = self.cache.get(key)
        if c is None:
            c = []
            for _, t in self.chunks(doc):
                c.extend(words(t))
            self.cache[key] = c
        return c

    def squashed(self, doc):
        """The document's text, chunks joined and blanks squashed."""
        key = ("s", doc)
        c = self.cache.get(key)
        if c is None:
            c = squash("\n".join(t for _, t in self.chunks(doc)))
            self.cache[key] = c
        return c

    def title(self, doc):
        return self.db.execute("SELECT title, format FROM documents WHERE id = ?",
                               (doc,)).fetchone()

    def best_form(self, folded):
        """The index's forms of a folded word, most documents first."""
        rows = self.db.execute(
            "SELECT form, docs FROM spelling WHERE word = ? ORDER BY docs DESC",
            (folded,)).fetchall()
        return [(f or folded, d) for f, d in rows]


ELIDED = {"l", "d", "j", "n", "s", "c", "m", "t", "qu"}


def has_run(seq, run, loose=False):
    """Whether run stands consecutively in seq (folded words); loose: a
    word matches another of the same first four letters or that starts
    it (« note » « notes », « basees » « base »), and an elided article
    of seq not in run is passed over (« date et l'heure »)."""
    n = len(run)
    if n == 0:
        return True

    def same(a, b):
        if a == b:
            return True
        return loose and min(len(a), len(b)) >= 3 and (
            a.startswith(b) or b.startswith(a) or (min(len(a), len(b)) >= 4 and a[:4] == b[:4]))
    for i in range(len(seq)):
        j, k = i, 0
        while k < n and j < len(seq):
            if same(seq[j], run[k]):
                j += 1
                k += 1
            elif loose and k > 0 and seq[j] in ELIDED and seq[j] not in run:
                j += 1
            else:
                break
        if k == n:
            return True
    return False


def draw_span(ix, rnd, want_apos=False):
    """A span of 2-4 words of a random chunk, standing together (only
    spaces or an apostrophe between them), with a content word of 4
    letters or more: (doc, text)."""
    for _ in range(50):
        doc = rnd.choice(ix.docs)
        ch = ix.chunks(doc)
        if not ch:
            continue
        page, text = rnd.choice(ch)
        ms = list(WORD.finditer(text))
        if len(ms) < 5:
            continue
        n = rnd.randint(2, 4)
        i = rnd.randrange(0, len(ms) - n)
        span = ms[i:i + n]
        a, b = span[0].start(), span[-1].end()
        ok = (a == 0 or not (text[a - 1].isalnum() or text[a - 1] in "_-")) and (
            b == len(text) or not (text[b].isalnum() or text[b] in "_-"))
        apos = False
        for a, b in zip(span, span[1:]):
            gap = text[a.end():b.start()]
            if gap in APOS:
                apos = True
            elif gap != " ":
                ok = False
        if not ok or (want_apos and not apos):
            continue
        ws = [m.group(0) for m in span]
        if not any(len(w) >= 4 and not is_function(w) for w in ws):
            continue
        if any(len(w) > 30 for w in ws):
            continue
        return doc, text[span[0].start():span[-1].end()]
    return None, None


def strip_accents(s):
    s = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def misspell(ix, rnd, q):
    """q with one content word of 6 letters or more misspelt (a letter
    dropped or two neighbours swapped, not the first): (new query, index
    of the word, original word), or None. The misspelt form must not be a
    word of the index."""
    ms = [m for m in WORD.finditer(q) if len(m.group(0)) >= 6 and not is_function(m.group(0))
          and m.group(0).lower() == m.group(0)]
    if not ms:
        return None
    m = rnd.choice(ms)
    w = m.group(0)
    for _ in range(5):
        k = rnd.randrange(1, len(w) - 1)
        if rnd.random() < 0.5:
            bad = w[:k] + w[k + 1:]
        else:
            bad = w[:k] + w[k + 1] + w[k] + w[k + 2:]
        if bad == w or fold(bad) == fold(w):
            continue
        if ix.db.execute("SELECT 1 FROM spelling WHERE word = ?", (fold(bad),)).fetchone():
            continue
        return q[:m.start()] + bad + q[m.end():], m.start(), w
    return None


class Audit:
    def __init__(self, ix, url, examples):
        self.ix = ix
        self.url = url.rstrip("/")
        self.checked = {}
        self.bad = {}
        self.examples = examples

    def count(self, inv, ok, example=None):
        self.checked[inv] = self.checked.get(inv, 0) + 1
        if not ok:
            lst = self.bad.setdefault(inv, [])
            lst.append(example)

    def search(self, q, limit=10):
        u = "%s/api/search?%s" % (self.url, urllib.parse.urlencode({"q": q, "limit": limit}))
        with urllib.request.urlopen(u, timeout=30) as r:
            return json.loads(r.read().decode("utf-8"))

    # --- snippets -------------------------------------------------------

    def parse_snippet(self, snip):
        """(plain text, [(marked text)], html problems)."""
        problems = []
        if "\ufffd" in snip:
            problems.append("U+FFFD")
        parts = re.split(r"(</?mark>)", snip)
        plain, marks, inside, cur = [], [], False, []
        for p in parts:
            if p == "<mark>":
                if inside:
                    problems.append("nested <mark>")
                inside, cur = True, []
            elif p == "</mark>":
                if not inside:
                    problems.append("stray </mark>")
                inside = False
                m = html.unescape("".join(cur))
                if not m.strip():
                    problems.append("empty mark")
                marks.append(m)
            else:
                if "<" in p or ">" in p:
                    problems.append("markup other than <mark>: %r" % p[:60])
                for amp in re.finditer(r"&", p):
                    if not re.match(r"&(amp|lt|gt|quot|#39);", p[amp.start():]):
                        problems.append("bare '&'")
                        break
                plain.append(p)
                if inside:
                    cur.append(p)
        if inside:
            problems.append("unclosed <mark>")
        return html.unescape("".join(plain)), marks, problems

    def check_result(self, q, qwords, span_words, kind, r):
        doc = int(r["id"][1:])
        snip = r.get("snippet") or ""
        plain, marks, problems = self.parse_snippet(snip)
        ex = {"q": q, "doc": r["id"], "title": r.get("title"), "snippet": snip}
        self.count("snippet.html", not problems, dict(ex, problems=problems))
        chunks = self.ix.chunks(doc)
        body = "\n".join(t for _, t in chunks)
        text = plain.strip()
        if text.startswith("…"):
            text = text[1:]
        if text.endswith("…"):
            text = text[:-1]
        text = squash(text)
        sq_body = self.ix.squashed(doc)
        if sq_body is not None and text:
            ok = text in sq_body and all(m in body or squash(m) in sq_body for m in marks)
            self.count("snippet.text", ok, ex)
        # function words only
        content = [w for w in qwords if w not in FOLDED_FUNCTION]
        bw = self.ix.body_words(doc)
        bset = set(bw)
        if content and any(w in bset for w in content):
            mwords = [w for m in marks for w in words(m)]
            ok = any(w not in FOLDED_FUNCTION for w in mwords)
            self.count("snippet.function", ok, dict(ex, marked=mwords))
        # together
        run = list(span_words or [])
        while run and run[0] in FOLDED_FUNCTION:
            run.pop(0)
        while run and run[-1] in FOLDED_FUNCTION:
            run.pop()
        if len(run) >= 2 and has_run(bw, run):
            ok = has_run(words(plain), run, loose=True)
            self.count("snippet.together" + (".quoted" if kind == "quoted" else ""), ok, ex)
        # page
        page = r.get("page")
        if r.get("format") == "pdf" and page and text:
            on = [t for p, t in chunks if p == page]
            ok = any(text[:80] in squash(t) for t in on)
            self.count("snippet.page", ok, dict(ex, page=page))
        # title
        title = r.get("title") or ""
        if title not in self.seen_titles:
            self.seen_titles.add(title)
            self.count("title.capitals", not (is_upper_line(title) and not technical(title)
                                              and len(WORD.findall(title)) >= 2),
                       {"title": title, "doc": r["id"]})

    # --- queries --------------------------------------------------------

    def run_query(self, q, kind, span_words=None, typo=None):
        try:
            js = self.search(q)
        except Exception as e:  # a 4xx/5xx or a dead server is a finding
            self.count("http", False, {"q": q, "error": str(e)})
            return
        self.count("http", True)
        qwords = words(q)
        sug = js.get("suggestion")
        if sug is not None:
            self.count("suggest.same", fold(sug) != fold(q), {"q": q, "suggestion": sug})
        if typo is None:
            if kind != "misspelt":
                self.count("suggest.correct", sug is None, {"q": q, "suggestion": sug})
        else:
            self.check_typo(q, sug, typo)
        for r in js.get("results", []):
            self.check_result(q, qwords, span_words, kind, r)

    def check_typo(self, q, sug, typo):
        at, orig, clean = typo
        if sug is None:
            self.count("suggest.none", False, {"q": q})
            return
        self.count("suggest.none", True)
        qw = [m for m in WORD.finditer(q)]
        sw = [m for m in WORD.finditer(sug)]
        if len(qw) != len(sw):
            self.count("suggest.kept", False, {"q": q, "suggestion": sug})
            return
        bad_i = [i for i, m in enumerate(qw) if m.start() == at]
        kept = all(a.group(0) == b.group(0) for i, (a, b) in enumerate(zip(qw, sw))
                   if i not in bad_i)
        self.count("suggest.kept", kept, {"q": q, "suggestion": sug})
        if not bad_i:
            return
        got = sw[bad_i[0]].group(0)
        if fold(got) != fold(orig):
            return  # corrected to another word: a judgment, not checked
        forms = self.ix.best_form(fold(orig))
        if clean:
            # typed without accents: the index's commonest form
            want = forms[0][0] if forms else orig
            ok = got.lower() == want or (len(forms) > 1 and forms[1][1] == forms[0][1]
                                         and got.lower() in [f for f, d in forms
                                                             if d == forms[0][1]])
        else:
            # typed with accents: the accented letters typed are kept
            typed = WORD.match(q, at).group(0)
            ok = all(c in got for c in typed if ord(c) > 127)
            want = "accents of %r" % typed
        self.count("suggest.form", ok, {"q": q, "suggestion": sug, "want": want,
                                        "forms": forms[:4]})

    def run(self, n, rnd):
        self.seen_titles = set()
        kinds = ["span", "quoted", "noaccent", "noapos", "misspelt", "misspelt_noaccent",
                 "title"]
        for i in range(n):
            kind = kinds[i % len(kinds)]
            if kind == "title":
                doc = rnd.choice(self.ix.docs)
                title, _ = self.ix.title(doc)
                # its first words that are words whole (not « fplot2d »)
                ws = []
                for tok in title.split():
                    tok = tok.strip(".,;:!?()[]«»\"'")
                    if not WORD.fullmatch(tok):
                        break
                    ws.append(tok)
                ws = ws[:rnd.randint(2, 5)]
                if len(ws) < 2:
                    continue
                self.run_query(" ".join(ws), kind)
                continue
            doc, span = draw_span(self.ix, rnd, want_apos=(kind == "noapos"))
            if not span:
                continue
            sw = words(span)
            if kind == "span":
                self.run_query(span, kind, sw)
            elif kind == "quoted":
                self.run_query('"%s"' % span, kind, sw)
            elif kind == "noaccent":
                self.run_query(strip_accents(span), kind, sw)
            elif kind == "noapos":
                self.run_query(re.sub("[%s]" % APOS, " ", span), kind, sw)
            else:
                clean = kind == "misspelt_noaccent"
                base = strip_accents(span) if clean else span
                m = misspell(self.ix, rnd, base)
                if not m:
                    continue
                q, at, orig = m
                self.run_query(q, "misspelt", None, (at, orig, clean))

    def report(self, out):
        names = sorted(set(self.checked) | set(self.bad))
        for inv in names:
            c = self.checked.get(inv, 0)
            b = len(self.bad.get(inv, []))
            out.write("%-26s %6d checked %5d violated %6.2f%%\n" % (
                inv, c, b, 100.0 * b / c if c else 0))
        for inv in names:
            for e in self.bad.get(inv, [])[:self.examples]:
                out.write("  %s: %s\n" % (inv, json.dumps(e, ensure_ascii=False)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--json", help="write every violation to this file")
    ap.add_argument("--tap", action="store_true")
    a = ap.parse_args()
    ix = Index(a.db)
    au = Audit(ix, a.url, a.examples)
    au.run(a.queries, random.Random(a.seed))
    au.report(sys.stdout)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"checked": au.checked, "bad": au.bad}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
