  /* sanitize.js: what the search page (app.js) and the widget (widget.js)
   * let through from the server's answers into the DOM. scripts/embed.sh
   * copies it into both where they say "// @include sanitize.js", inside
   * their own function: no global name, no second request. */

  /* Snippets arrive HTML-escaped with <mark> only; they are still rebuilt
   * from text nodes and attribute-free <mark> elements, so nothing else
   * (tags, attributes, scripts) can reach the page. Node types by number
   * (3 text, 1 element): the widget does not rely on the site's globals. */
  function snippetNodes(html) {
    var tpl = document.createElement('template');
    tpl.innerHTML = String(html || '');
    var frag = document.createDocumentFragment();
    (function walk(from, to) {
      from.childNodes.forEach(function (n) {
        if (n.nodeType === 3) {
          to.appendChild(document.createTextNode(n.nodeValue));
        } else if (n.nodeType === 1 && n.localName === 'mark' && to.localName !== 'mark') {
          var mark = document.createElement('mark');
          walk(n, mark);
          to.appendChild(mark);
        } else if (n.nodeType === 1 && !/^(script|style|template)$/.test(n.localName)) {
          walk(n, to);
        }
      });
    })(tpl.content, frag);
    return frag;
  }

  /* A result's link, resolved against base: web and file URLs only, never
   * javascript: or data:; a PDF opens at the snippet's page. */
  function safeHref(url, base, format, page) {
    var u;
    try { u = new URL(url, base); } catch (e) { return null; }
    if (!/^(https?|file):$/.test(u.protocol)) return null;
    if (format === 'pdf' && page && !u.hash) u.hash = 'page=' + page;
    return u.href;
  }
