#!/usr/bin/env bash
# Generates the word-processor and e-book samples of corpus/ from the
# Markdown sources in office-src/*.src (.src so the indexer does not take
# them for notes): pandoc (Debian package `pandoc`, offline) writes
#   convention-partenariat-2023.src           -> rapports/convention-partenariat-2023.docx
#   compte-rendu-groupe-hebergement-2024.src  -> comptes-rendus/2024-11-21-compte-rendu-groupe-hebergement.odt
#   guide-accueil-premier-entretien-2022.src  -> formation/guide-accueil-premier-entretien-2022.epub
# Title, author, subject and date go into the files' metadata; footnotes
# stay footnotes; a raw page break in the DOCX gives it page hints.
# SOURCE_DATE_EPOCH fixes the timestamps pandoc would take from the clock.
set -euo pipefail
cd "$(dirname "$0")"
command -v pandoc >/dev/null || { echo "make_office.sh: needs pandoc (apt-get install pandoc)" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1700000000

gen() { # source, output under corpus/
  pandoc --from markdown --standalone "office-src/$1" -o "../$2"
  echo "wrote corpus/$2"
}
gen convention-partenariat-2023.src rapports/convention-partenariat-2023.docx
gen compte-rendu-groupe-hebergement-2024.src comptes-rendus/2024-11-21-compte-rendu-groupe-hebergement.odt
gen guide-accueil-premier-entretien-2022.src formation/guide-accueil-premier-entretien-2022.epub
