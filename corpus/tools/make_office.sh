#!/usr/bin/env bash
# Generates the word-processor and e-book samples of corpus/ from the
# Markdown sources in office-src/*.src (.src so the indexer does not take
# them for notes): pandoc (Debian package `pandoc`, offline) writes
#   convention-partenariat-2023.src           -> rapports/convention-partenariat-2023.docx
#   compte-rendu-groupe-hebergement-2024.src  -> comptes-rendus/2024-11-21-compte-rendu-groupe-hebergement.odt
#   guide-accueil-premier-entretien-2022.src  -> formation/guide-accueil-premier-entretien-2022.epub
# Title, author, subject and date go into the files' metadata; footnotes
# stay footnotes; a raw page break in the DOCX gives it page hints.
# The generated files are committed; this is run by hand after editing a
# source. SOURCE_DATE_EPOCH fixes the dates pandoc writes inside the files,
# and python3's zipfile rewrites each archive with fixed entry times (pandoc
# stamps ODT and EPUB entries with the clock), so a run with the same
# pandoc gives byte-identical files (the committed ones: pandoc 2.17.1.1,
# Debian 12).
set -euo pipefail
cd "$(dirname "$0")"
command -v pandoc >/dev/null || { echo "make_office.sh: needs pandoc (apt-get install pandoc)" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1700000000

# Same entries in the same order, times fixed, "mimetype" stored (ODF and
# EPUB readers expect it so), everything else deflated.
normalise() {
  python3 - "$1" <<'PY'
import io, sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
out = io.BytesIO()
with zipfile.ZipFile(out, "w") as z:
    for name, data in parts:
        info = zipfile.ZipInfo(name, date_time=(2023, 11, 14, 22, 13, 20))
        info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, data)
with open(path, "wb") as f:
    f.write(out.getvalue())
PY
}

gen() { # source, output under corpus/
  pandoc --from markdown --standalone "office-src/$1" -o "../$2"
  normalise "../$2"
  echo "wrote corpus/$2"
}
gen convention-partenariat-2023.src rapports/convention-partenariat-2023.docx
gen compte-rendu-groupe-hebergement-2024.src comptes-rendus/2024-11-21-compte-rendu-groupe-hebergement.odt
gen guide-accueil-premier-entretien-2022.src formation/guide-accueil-premier-entretien-2022.epub
