/* Repère website widget, served by searchd at /widget.js. A site adds
 *   <script src="http://SEARCHD/widget.js" data-repere-input="#search" defer></script>
 * and its own input shows the top results as the visitor types; Enter opens
 * the full results page on searchd. Self-contained: no global names, no use
 * of the site's scripts, class names prefixed "repere-w-", the site's font.
 * When searchd is unreachable or refuses the origin (CORS), it stays silent:
 * no dropdown, no exception. searchd's address is taken from this script's
 * own src, so the site only writes it once. */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) return;
  var base; /* searchd's root, where widget.js is: http://SEARCHD/ */
  try {
    base = new URL('./', script.src).href;
  } catch (e) {
    return;
  }
  var selector = script.getAttribute('data-repere-input') || 'input[type="search"]';
  var LIMIT = 5;
  var DELAY_MS = 200;
  var MIN_CHARS = 2;
  var RETRY_AFTER_FAILURE_MS = 5000;

  var CSS = [
    '.repere-w-panel{position:fixed;z-index:2147483000;box-sizing:border-box;margin:0;padding:4px 0;',
    'background:#fff;color:#1d2530;border:1px solid #c4cbd3;border-radius:10px;',
    'box-shadow:0 12px 32px rgba(16,24,40,.18),0 2px 6px rgba(16,24,40,.08);',
    'font:inherit;font-size:15px;line-height:1.45;text-align:left;letter-spacing:normal;text-transform:none;',
    'max-height:min(70vh,32em);overflow-y:auto;overscroll-behavior:contain}',
    '.repere-w-panel[hidden]{display:none}',
    '.repere-w-panel *{box-sizing:border-box;font-family:inherit}',
    '.repere-w-list{list-style:none;margin:0;padding:0}',
    '.repere-w-option{display:block;margin:0;padding:.6em .9em .6em calc(.9em - 3px);cursor:pointer;',
    'border-left:3px solid transparent;list-style:none}',
    '.repere-w-option:hover{background:#f3f5f8}',
    '.repere-w-option.repere-w-active{background:#e8f0f6;border-left-color:#1b4f72}',
    '.repere-w-title{display:block;margin:0;font-weight:700;color:#1b4f72;overflow-wrap:anywhere}',
    '.repere-w-meta{display:block;margin:.1em 0 .15em;font-size:.8em;color:#56606b}',
    '.repere-w-snippet{display:block;margin:0;font-size:.88em;color:#3b4450;overflow:hidden;',
    'display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow-wrap:anywhere}',
    '.repere-w-snippet mark{background:#ffe9a3;color:inherit;padding:0 .1em;border-radius:2px;font-weight:600}',
    '.repere-w-all{border-top:1px solid #e3e7eb;margin-top:4px;color:#1b4f72;font-weight:600}',
    '.repere-w-empty{margin:0;padding:.6em .9em;color:#56606b}',
    '.repere-w-sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;border:0;',
    'overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}'
  ].join('');

  function injectStyle() {
    if (document.getElementById('repere-w-style')) return;
    var st = document.createElement('style');
    st.id = 'repere-w-style';
    st.textContent = CSS;
    (document.head || document.documentElement).appendChild(st);
  }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  // @include sanitize.js
  // @include labels.js

  function resultsPage(q) {
    return base + '?q=' + encodeURIComponent(q);
  }

  function attach(input) {
    if (input.getAttribute('data-repere-attached')) return;
    input.setAttribute('data-repere-attached', '1');
    var idPrefix = 'repere-w-' + document.querySelectorAll('.repere-w-panel').length;
    var panel = el('div', 'repere-w-panel');
    panel.hidden = true;
    var list = el('ul', 'repere-w-list');
    list.id = idPrefix + '-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Résultats de la recherche');
    panel.appendChild(list);
    var live = el('div', 'repere-w-sr');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    document.body.appendChild(panel);
    document.body.appendChild(live);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('autocomplete', 'off');

    var timer = 0;
    var seq = 0;
    var ctrl = null;
    var failedAt = 0;
    var items = []; /* {node, href} */
    var active = -1;

    function place() {
      var r = input.getBoundingClientRect();
      var vw = document.documentElement.clientWidth || window.innerWidth;
      var width = Math.min(Math.max(r.width, 340), vw - 16);
      var left = Math.max(8, Math.min(r.left, vw - width - 8));
      panel.style.top = Math.round(r.bottom + 6) + 'px';
      panel.style.left = Math.round(left) + 'px';
      panel.style.width = Math.round(width) + 'px';
    }

    function close() {
      panel.hidden = true;
      clearActive();
      input.setAttribute('aria-expanded', 'false');
    }

    function clearActive() {
      if (active >= 0 && items[active]) {
        items[active].node.classList.remove('repere-w-active');
        items[active].node.setAttribute('aria-selected', 'false');
      }
      active = -1;
      input.removeAttribute('aria-activedescendant');
    }

    function setActive(i) {
      clearActive();
      if (i < 0 || !items[i]) return;
      active = i;
      items[i].node.classList.add('repere-w-active');
      items[i].node.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', items[i].node.id);
      var top = items[i].node.offsetTop, bottom = top + items[i].node.offsetHeight;
      if (top < panel.scrollTop) panel.scrollTop = top;
      else if (bottom > panel.scrollTop + panel.clientHeight) panel.scrollTop = bottom - panel.clientHeight;
    }

    function open(href) {
      close();
      window.location.href = href;
    }

    function option(href, parts, cls) {
      var li = el('li', 'repere-w-option' + (cls ? ' ' + cls : ''));
      li.id = idPrefix + '-opt-' + items.length;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      parts.forEach(function (p) { li.appendChild(p); });
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
      li.addEventListener('click', function () { open(href); });
      items.push({ node: li, href: href });
      list.appendChild(li);
    }

    function render(q, data) {
      while (list.firstChild) list.removeChild(list.firstChild);
      var old = panel.querySelector('.repere-w-empty');
      if (old) panel.removeChild(old);
      items = [];
      active = -1;
      var results = Array.isArray(data.results) ? data.results.slice(0, LIMIT) : [];
      var total = +data.total || 0;
      results.forEach(function (r) {
        var href = safeHref(r.url, base, r.format, r.page);
        if (!href) return;
        var meta = [formatLabel(r.format)];
        if (r.date) meta.push(String(r.date).slice(0, 4));
        if (r.page) meta.push('p.\u00a0' + r.page);
        /* A document that lacks some of the words (partial matches follow
         * those with every word): said, as on the full results page. */
        if (r.partial === true) meta.push('pas tous les mots');
        var snippet = el('span', 'repere-w-snippet');
        snippet.appendChild(snippetNodes(r.snippet));
        option(href, [
          el('span', 'repere-w-title', r.title && String(r.title).trim() ? String(r.title) : (r.path || href)),
          el('span', 'repere-w-meta', meta.join(' · ')),
          snippet
        ]);
      });
      if (!items.length) {
        var empty = el('p', 'repere-w-empty', 'Aucun document ne correspond à «\u00a0' + q + '\u00a0».');
        panel.insertBefore(empty, list);
      }
      option(resultsPage(q), [el('span', '',
        total > results.length ? 'Voir les ' + total + ' résultats pour «\u00a0' + q + '\u00a0»' : 'Ouvrir la recherche complète')],
        'repere-w-all');
      live.textContent = total === 0 ? 'Aucun résultat.' :
        (total === 1 ? '1 résultat' : total + ' résultats') + '\u00a0; flèches haut et bas pour parcourir.';
      place();
      panel.setAttribute('data-for', q);
      panel.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function query() {
      var q = input.value.trim();
      clearTimeout(timer);
      if (q.length < MIN_CHARS) {
        seq++;
        close();
        return;
      }
      timer = setTimeout(function () {
        if (failedAt && Date.now() - failedAt < RETRY_AFTER_FAILURE_MS) return;
        var mine = ++seq;
        if (ctrl) ctrl.abort();
        ctrl = typeof AbortController === 'function' ? new AbortController() : null;
        var url = base + 'api/search?limit=' + LIMIT + '&q=' + encodeURIComponent(q);
        fetch(url, { mode: 'cors', credentials: 'omit', signal: ctrl ? ctrl.signal : undefined })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) {
            if (mine !== seq || document.activeElement !== input) return;
            if (!data || typeof data !== 'object') { close(); return; }
            failedAt = 0;
            render(q, data);
          })
          .catch(function (e) {
            if (e && e.name === 'AbortError') return;
            failedAt = Date.now();
            if (mine === seq) close();
          });
      }, DELAY_MS);
    }

    input.addEventListener('input', query);
    input.addEventListener('focus', function () {
      if (items.length && input.value.trim().length >= MIN_CHARS && panel.hidden) query();
    });
    input.addEventListener('blur', close);
    input.addEventListener('keydown', function (ev) {
      var shown = !panel.hidden && items.length > 0;
      if (ev.key === 'ArrowDown' && shown) {
        ev.preventDefault();
        setActive(active + 1 >= items.length ? 0 : active + 1);
      } else if (ev.key === 'ArrowUp' && shown) {
        ev.preventDefault();
        setActive(active <= 0 ? items.length - 1 : active - 1);
      } else if (ev.key === 'Escape' && shown) {
        ev.preventDefault();
        close();
      } else if (ev.key === 'Enter' && !ev.isComposing) {
        var q = input.value.trim();
        if (shown && active >= 0) {
          ev.preventDefault();
          open(items[active].href);
        } else if (q) {
          ev.preventDefault();
          open(resultsPage(q));
        }
      }
    });
    if (input.form) {
      input.form.addEventListener('submit', function (ev) {
        var q = input.value.trim();
        if (!q) return;
        ev.preventDefault();
        open(resultsPage(q));
      });
    }
    window.addEventListener('resize', function () { if (!panel.hidden) place(); });
    window.addEventListener('scroll', function () { if (!panel.hidden) place(); }, { passive: true, capture: true });
    panel.style.fontFamily = window.getComputedStyle(input).fontFamily;
  }

  function init() {
    var inputs;
    try {
      inputs = document.querySelectorAll(selector);
    } catch (e) {
      return;
    }
    if (!inputs.length) return;
    injectStyle();
    Array.prototype.forEach.call(inputs, attach);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
