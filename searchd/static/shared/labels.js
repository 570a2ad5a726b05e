  /* labels.js: how the server's values are named to people, the same on the
   * search page (app.js) and in the widget (widget.js). scripts/embed.sh
   * copies it into both where they say "// @include labels.js", inside
   * their own function: no global name, no second request. */

  var FORMAT_LABELS = { pdf: 'PDF', html: 'Page web', text: 'Texte', docx: 'Word', odt: 'OpenDocument', epub: 'EPUB', rtf: 'RTF' };

  /* A document format as people call it (« Page web » for html); one the
   * page does not know yet, in capitals. */
  function formatLabel(format) {
    return FORMAT_LABELS[format] || String(format || '').toUpperCase();
  }
