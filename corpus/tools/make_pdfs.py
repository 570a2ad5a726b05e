#!/usr/bin/python3
"""Generate the sample PDFs of corpus/ from the source texts in pdf-src/*.src
(UTF-8; not .txt so that the indexer does not take them for minutes).

Each source file starts with a header block (key: value lines) ended by a
line "---", then the body in a tiny markup:

    = Text          document title drawn on the first page
    # Text          section heading          ## Text   sub-heading
    - Text          bullet item
    | a | b | c     table row (the first row of a table is its header)
    [page]          forced page break
    blank line      ends a paragraph; other lines are joined into one
    proté{-}gés     end-of-line hyphenation: "proté-" ends a line, "gés"
                    starts the next (drawn as two lines, as in print)

Header keys: output (path under corpus/, required), title, author, subject,
keywords, date (YYYY-MM-DD HH:MM, the PDF creation date), running (text of
the running header). A document without "title" gets no Title entry in its
metadata; without "date" no CreationDate entry.

Output is deterministic: re-running produces byte-identical files.
Usage: corpus/tools/make_pdfs.py [source.src ...]   (default: all sources)
"""
import calendar
import datetime
import glob
import os
import sys
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (ListFlowable, ListItem, PageBreak, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
FONT_DIR = "/usr/share/fonts/truetype/dejavu"

pdfmetrics.registerFont(TTFont("DejaVu", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-Oblique", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                              italic="DejaVu-Oblique", boldItalic="DejaVu-Bold")

STYLES = {
    "title": ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=17, leading=22,
                            spaceAfter=14, alignment=TA_LEFT),
    "h1": ParagraphStyle("h1", fontName="DejaVu-Bold", fontSize=13.5, leading=18,
                         spaceBefore=12, spaceAfter=6),
    "h2": ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=11.5, leading=15,
                         spaceBefore=8, spaceAfter=4),
    "body": ParagraphStyle("body", fontName="DejaVu", fontSize=10.5, leading=15,
                           spaceAfter=6, alignment=TA_JUSTIFY),
    "bodyleft": ParagraphStyle("bodyleft", fontName="DejaVu", fontSize=10.5, leading=15,
                               spaceAfter=6, alignment=TA_LEFT),
    "cell": ParagraphStyle("cell", fontName="DejaVu", fontSize=9, leading=11.5),
}


def _info_format(self, document):
    """PDFInfo.format without the entries the source did not ask for."""
    entries = {"Producer": pdfdoc.PDFString(self.producer),
               "Creator": pdfdoc.PDFString(self.creator)}
    if getattr(self, "want_title", True):
        entries["Title"] = pdfdoc.PDFString(self.title)
    if self.author:
        entries["Author"] = pdfdoc.PDFString(self.author)
    if self.subject:
        entries["Subject"] = pdfdoc.PDFString(self.subject)
    if self.keywords:
        entries["Keywords"] = pdfdoc.PDFString(self.keywords)
    if getattr(self, "want_date", True):
        stamp = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries["CreationDate"] = entries["ModDate"] = stamp
    return pdfdoc.PDFDictionary(entries).format(document)


pdfdoc.PDFInfo.format = _info_format


def inline(text):
    """Escape text for a Paragraph and turn {-} into a hyphen plus line break."""
    return escape(text).replace("{-}", "-<br/>")


def parse(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    meta = {}
    i = 0
    while i < len(lines) and lines[i].strip() != "---":
        if ":" in lines[i]:
            key, value = lines[i].split(":", 1)
            meta[key.strip()] = value.strip()
        i += 1
    return meta, lines[i + 1:]


def build_story(body):
    story, para, bullets, table = [], [], [], []

    def flush():
        if para:
            text = " ".join(para)
            style = STYLES["bodyleft"] if "{-}" in text else STYLES["body"]
            story.append(Paragraph(inline(text), style))
            para.clear()
        if bullets:
            items = [ListItem(Paragraph(inline(b), STYLES["bodyleft"]), leftIndent=14)
                     for b in bullets]
            story.append(ListFlowable(items, bulletType="bullet", start="•",
                                      bulletFontName="DejaVu", leftIndent=14))
            bullets.clear()
        if table:
            rows = [[Paragraph(inline(c), STYLES["cell"]) for c in r] for r in table]
            t = Table(rows, repeatRows=1, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e4f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            story.append(t)
            story.append(Spacer(1, 8))
            table.clear()

    for raw in body:
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line == "[page]":
            flush()
            story.append(PageBreak())
        elif line.startswith("= "):
            flush()
            story.append(Paragraph(inline(line[2:]), STYLES["title"]))
        elif line.startswith("## "):
            flush()
            story.append(Paragraph(inline(line[3:]), STYLES["h2"]))
        elif line.startswith("# "):
            flush()
            story.append(Paragraph(inline(line[2:]), STYLES["h1"]))
        elif line.startswith("- "):
            if para or table:
                flush()
            bullets.append(line[2:])
        elif line.startswith("| "):
            if para or bullets:
                flush()
            table.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif bullets and line.startswith("  "):
            bullets[-1] += " " + line.strip()
        else:
            if bullets or table:
                flush()
            para.append(line.strip())
    flush()
    return story


def make(src):
    meta, body = parse(src)
    out = os.path.join(CORPUS, meta["output"])
    os.makedirs(os.path.dirname(out), exist_ok=True)
    if "date" in meta:
        stamp = datetime.datetime.strptime(meta["date"], "%Y-%m-%d %H:%M")
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(stamp.timetuple()))
    else:
        os.environ["SOURCE_DATE_EPOCH"] = "946684800"
    running = meta.get("running", "")

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        if running:
            canvas.drawString(2.2 * cm, A4[1] - 1.3 * cm, running)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, "— %d —" % doc.page)
        canvas.restoreState()

    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
                            topMargin=2.2 * cm, bottomMargin=2.2 * cm, invariant=1,
                            title=meta.get("title", ""), author=meta.get("author", ""),
                            subject=meta.get("subject", ""), keywords=meta.get("keywords", ""),
                            creator="Collectif Ensemble contre la traite (make_pdfs.py)")

    def first(canvas, d):
        canvas._doc.info.want_title = "title" in meta
        canvas._doc.info.want_date = "date" in meta
        decorate(canvas, d)

    doc.build(build_story(body), onFirstPage=first, onLaterPages=decorate)
    return out


def main(argv):
    sources = argv[1:] or sorted(glob.glob(os.path.join(HERE, "pdf-src", "*.src")))
    for src in sources:
        print(os.path.relpath(make(src), os.path.dirname(CORPUS)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
