#!/usr/bin/python3
"""hostile_html: writes large web pages that stress the HTML extraction's
memory and time (measured by hand: /usr/bin/time -v bin/indexer on each),
deterministic for a given kind and size. Not a test and not part of
`make bench`.

usage: bench/hostile_html.py KIND OUT [MB]
  ordinary   paragraphs of French text, an <h2> every 20 paragraphs
  nested     h1-h6 nested in one another and closed, then a paragraph
  siblings   N sibling h4/h5/h6 headings, one word each (MB read as
             millions of headings: 1 -> 1e6)
  textnode   one paragraph, one text node of MB megabytes
  divs       divs nested 200 deep around a paragraph, over and over
"""
import random
import sys

WORDS = ("le la les des une un de du et à en pour par sur dans avec sans collectif réunion "
         "bénévoles formation traite êtres humains mineurs non accompagnés accueil hébergement "
         "préfecture titre séjour demande asile protection victime exploitation travail "
         "association juridique accompagnement procédure recours décision tribunal "
         "administratif convention ministère intérieur santé droits enfant famille").split()


def sentence(rng):
    n = rng.randint(8, 20)
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:] + ". "


def paragraph(rng):
    return "".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def write_page(out, body_parts, target):
    """Writes <html>…</html> with body parts until target bytes."""
    head = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">" \
           "<title>Page générée</title></head><body><main>\n"
    tail = "</main></body></html>\n"
    size = len(head.encode()) + len(tail.encode())
    with open(out, "w", encoding="utf-8") as f:
        f.write(head)
        for part in body_parts:
            f.write(part)
            size += len(part.encode())
            if size >= target:
                break
        f.write(tail)


def ordinary(rng):
    i = 0
    while True:
        if i % 20 == 0:
            yield "<h2>Partie %d : %s</h2>\n" % (i // 20 + 1, sentence(rng).strip())
        yield "<p>%s</p>\n" % paragraph(rng)
        i += 1


def nested(rng):
    i = 0
    while True:
        i += 1
        yield ("<h1>Un %d<h2>deux<h3>trois<h4>quatre<h5>cinq<h6>six</h6></h5></h4></h3></h2></h1>"
               "<p>Texte %d de la section.</p>\n" % (i, i))


def divs(rng):
    while True:
        yield "<div>" * 200 + "<p>" + sentence(rng) + "</p>" + "</div>" * 200 + "\n"


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    mb = float(sys.argv[3]) if len(sys.argv) == 4 else 50
    rng = random.Random(20261205)
    target = int(mb * 1e6)
    if kind == "ordinary":
        write_page(out, ordinary(rng), target)
    elif kind == "nested":
        write_page(out, nested(rng), target)
    elif kind == "divs":
        write_page(out, divs(rng), target)
    elif kind == "siblings":
        n = int(mb * 1e6)
        tags = ("h4", "h5", "h6")
        write_page(out, ("<%s>t%d</%s>\n" % (tags[i % 3], i, tags[i % 3]) for i in range(n)), 1 << 62)
    elif kind == "textnode":
        with open(out, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html><head><title>Un seul texte</title></head><body><p>")
            size = 0
            while size < target:
                s = sentence(rng)
                f.write(s)
                size += len(s.encode())
            f.write("</p></body></html>\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
