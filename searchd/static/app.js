/* The search page's behaviour: reads the state (q, format, year, page) from
 * the URL, asks /api/search and /api/suggest, renders results, facets and
 * pagination, and keeps the URL in step with pushState/popstate so links can
 * be shared and back/forward work. No framework, no bundler, no globals.
 * Snippets and links from the server go through shared/sanitize.js, format
 * names come from shared/labels.js (the widget's too), copied in at build
 * time by scripts/embed.sh.
 * URLs are relative, so searchd may also be served under a path prefix. */
(function () {
  'use strict';

  var PER_PAGE = 10;
  var MAX_OFFSET = 10000;
  var SUGGEST_DELAY_MS = 150;

  var numberFmt = new Intl.NumberFormat('fr-FR');
  var msFmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  var dayFmt = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  var monthFmt = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

  var el = {};
  var state = { q: '', format: [], year: '', page: 1 };
  var searchSeq = 0;
  var searchAbort = null;

  /* ---------- small helpers ---------- */

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === 'text') node.textContent = attrs[k];
        else if (k === 'className') node.className = attrs[k];
        else node.setAttribute(k, attrs[k] === true ? '' : String(attrs[k]));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function plural(n, one, many) {
    return numberFmt.format(n) + '\u00a0' + (n === 1 ? one : many);
  }

  /* French quotation marks and punctuation keep their word on the same line. */
  function quoted(s) {
    return '«\u00a0' + s + '\u00a0»';
  }

  function formatDate(iso) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso || '');
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] : 0, d = m[3] ? +m[3] : 0;
    if (mo && d) return dayFmt.format(new Date(Date.UTC(y, mo - 1, d)));
    if (mo) return monthFmt.format(new Date(Date.UTC(y, mo - 1, 1)));
    return String(y);
  }

  // @include sanitize.js
  // @include labels.js

  /* ---------- URL state ---------- */

  function readState() {
    var p = new URLSearchParams(location.search);
    var page = parseInt(p.get('page') || '1', 10);
    return {
      q: (p.get('q') || '').trim(),
      format: (p.get('format') || '').split(',').filter(Boolean),
      year: p.get('year') || '',
      page: page > 0 ? page : 1
    };
  }

  function stateQuery(s) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.format.length) p.set('format', s.format.join(','));
    if (s.year) p.set('year', s.year);
    if (s.page > 1) p.set('page', String(s.page));
    var str = p.toString();
    return str ? '?' + str : location.pathname;
  }

  function go(next, opts) {
    state = next;
    var url = stateQuery(state);
    if (url !== (location.search || location.pathname)) history.pushState(null, '', url);
    run(opts || {});
  }

  /* ---------- search ---------- */

  function apiSearchUrl(q, format, year, limit, offset) {
    var p = new URLSearchParams();
    p.set('q', q);
    p.set('limit', String(limit));
    if (offset) p.set('offset', String(offset));
    if (format.length) p.set('format', format.join(','));
    if (year) p.set('year', year);
    return 'api/search?' + p.toString();
  }

  function fetchJson(url, signal) {
    return fetch(url, { signal: signal, headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(
        function (body) { return { status: r.status, body: body }; },
        function () { return { status: r.status, body: null }; }
      );
    });
  }

  function run(opts) {
    var s = state;
    el.input.value = s.q;
    closeSuggestions();
    document.title = s.q ? quoted(s.q) + ' — Repère' : 'Repère — recherche dans les documents du Collectif';
    if (!s.q) {
      showWelcome();
      return;
    }
    el.welcome.hidden = true;
    var seq = ++searchSeq;
    if (searchAbort) searchAbort.abort();
    var ctrl = new AbortController();
    searchAbort = ctrl;
    el.layout.setAttribute('aria-busy', 'true');
    el.layout.classList.add('is-loading');

    var offset = Math.min((s.page - 1) * PER_PAGE, MAX_OFFSET);
    var main = fetchJson(apiSearchUrl(s.q, s.format, s.year, PER_PAGE, offset), ctrl.signal);
    /* A filter must not hide its own alternatives: the counts of a facet in
     * use come from the same search without that facet's filter. */
    var formatCounts = s.format.length
      ? fetchJson(apiSearchUrl(s.q, [], s.year, 1, 0), ctrl.signal).catch(function () { return null; })
      : null;
    var yearCounts = s.year
      ? fetchJson(apiSearchUrl(s.q, s.format, '', 1, 0), ctrl.signal).catch(function () { return null; })
      : null;

    Promise.all([main, formatCounts, yearCounts]).then(function (all) {
      if (seq !== searchSeq) return;
      var res = all[0];
      if (res.status !== 200 || !res.body || !Array.isArray(res.body.results)) {
        showError(res.status, res.body && res.body.error);
        return;
      }
      var facets = res.body.facets || {};
      var fc = all[1] && all[1].status === 200 && all[1].body && all[1].body.facets;
      var yc = all[2] && all[2].status === 200 && all[2].body && all[2].body.facets;
      render(s, res.body, {
        format: (fc && fc.format) || facets.format || {},
        year: (yc && yc.year) || facets.year || {}
      }, opts);
    }, function (err) {
      if (seq !== searchSeq || (err && err.name === 'AbortError')) return;
      showError(0, null);
    });
  }

  function doneLoading() {
    el.layout.removeAttribute('aria-busy');
    el.layout.classList.remove('is-loading');
  }

  function showWelcome() {
    searchSeq++;
    if (searchAbort) searchAbort.abort();
    doneLoading();
    el.layout.hidden = true;
    el.welcome.hidden = false;
    el.status.textContent = '';
  }

  function showError(status, message) {
    doneLoading();
    el.layout.hidden = false;
    el.filters.hidden = true;
    el.layout.classList.add('no-filters');
    clear(el.results);
    el.pagination.hidden = true;
    clear(el.notices);
    var title, detail;
    if (status === 400) {
      title = 'Cette recherche n’a pas pu être traitée.';
      detail = message ? 'Le serveur indique\u00a0: ' + message : 'Essayez une formulation plus simple.';
    } else if (status === 503) {
      title = 'L’index des documents est momentanément indisponible.';
      detail = 'Réessayez dans quelques instants. Si le problème persiste, prévenez la personne qui administre Repère.';
    } else {
      title = 'Le serveur de recherche ne répond pas.';
      detail = 'Vérifiez votre connexion puis réessayez. Si le problème persiste, prévenez la personne qui administre Repère.';
    }
    var retry = h('button', { type: 'button', className: 'button-secondary', text: 'Réessayer' });
    retry.addEventListener('click', function () {
      el.input.focus();
      run({});
    });
    el.notices.appendChild(h('div', { className: 'notice notice-error' }, [
      h('p', { className: 'notice-title', text: title }),
      h('p', { text: detail }),
      status === 400 ? null : retry
    ]));
    el.status.textContent = 'Erreur\u00a0: ' + title;
  }

  /* ---------- rendering ---------- */

  function render(s, data, facets, opts) {
    var total = +data.total || 0;
    var results = data.results;
    var pages = Math.max(1, Math.ceil(Math.min(total, MAX_OFFSET + PER_PAGE) / PER_PAGE));
    /* A link to a page past the end (the index changed since): show the last. */
    if (!results.length && total > 0 && s.page > pages) {
      state = { q: s.q, format: s.format, year: s.year, page: pages };
      history.replaceState(null, '', stateQuery(state));
      run(opts);
      return;
    }
    doneLoading();

    var took = typeof data.took_ms === 'number' ? ' en ' + msFmt.format(data.took_ms) + '\u00a0ms' : '';
    if (total === 0) {
      el.status.textContent = 'Aucun document trouvé' + took + '.';
    } else {
      var first = (s.page - 1) * PER_PAGE + 1;
      var range = pages > 1 && results.length
        ? ' — résultats ' + numberFmt.format(first) + ' à ' + numberFmt.format(first + results.length - 1)
        : '';
      /* Partial matches follow the documents with every word (all_words of them). */
      var whole = typeof data.all_words === 'number' && !data.relaxed ? data.all_words : total;
      el.status.textContent = (whole < total
        ? plural(whole, 'document contient', 'documents contiennent') + ' tous les mots, ' + numberFmt.format(total - whole) + ' une partie'
        : plural(total, 'document trouvé', 'documents trouvés')) + took + range + '.';
    }

    renderNotices(s, data, total);
    el.layout.hidden = false;
    renderFacets(s, facets);
    renderResults(s, results, data);
    renderPagination(s, pages, total);

    if (opts.focusResults) {
      el.resultsSection.focus({ preventScroll: true });
      el.resultsSection.scrollIntoView({ block: 'start' });
    }
  }

  function searchLink(q, text) {
    var a = h('a', { href: stateQuery({ q: q, format: [], year: '', page: 1 }), className: 'query-link' }, [text || q]);
    a.addEventListener('click', function (ev) {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      go({ q: q, format: [], year: '', page: 1 }, {});
      el.input.focus();
    });
    return a;
  }

  function renderNotices(s, data, total) {
    clear(el.notices);
    var sugg = typeof data.suggestion === 'string' && data.suggestion.trim() ? data.suggestion.trim() : null;
    if (data.corrected && sugg) {
      el.notices.appendChild(h('div', { className: 'notice notice-info' }, [
        h('p', {}, ['Aucun document ne contient ', h('strong', { text: quoted(s.q) }), '. Voici les résultats pour «\u00a0', searchLink(sugg), '\u00a0».'])
      ]));
    } else if (sugg) {
      el.notices.appendChild(h('p', { className: 'did-you-mean' }, [
        'Vouliez-vous dire\u00a0', searchLink(sugg), '\u00a0?'
      ]));
    }
    if (data.relaxed && total > 0) {
      el.notices.appendChild(h('div', { className: 'notice notice-info' }, [
        h('p', { text: 'Aucun document ne contient tous les mots\u00a0; voici les plus proches.' })
      ]));
    }
    if (total === 0) {
      var filtered = s.format.length || s.year;
      var hints = h('ul', { className: 'hints' }, [
        h('li', { text: 'Vérifiez l’orthographe des mots.' }),
        h('li', { text: 'Essayez moins de mots, ou des mots plus généraux (' + quoted('mineurs') + ' plutôt que ' + quoted('mineurs isolés étrangers') + ').' }),
        h('li', {}, ['Acceptez l’un ou l’autre mot avec ', h('kbd', { text: 'OR' }), '\u00a0: ', h('kbd', { text: 'Roumanie OR Bulgarie' }), '.']),
        h('li', {}, ['Cherchez le début d’un mot avec ', h('kbd', { text: '*' }), '\u00a0: ', h('kbd', { text: 'exploit*' }), '.'])
      ]);
      var box = h('div', { className: 'notice notice-empty' }, [
        h('p', { className: 'notice-title' }, ['Aucun document ne correspond à ', quoted(s.q), filtered ? ' avec les filtres choisis.' : '.']),
        h('p', { text: 'Quelques pistes\u00a0:' }),
        hints
      ]);
      if (filtered) {
        var reset = h('button', { type: 'button', className: 'button-secondary', text: 'Retirer les filtres' });
        reset.addEventListener('click', function () {
          el.input.focus();
          go({ q: s.q, format: [], year: '', page: 1 }, {});
        });
        box.appendChild(reset);
      }
      el.notices.appendChild(box);
    }
  }

  function renderFacets(s, facets) {
    /* The controls are rebuilt: a keyboard user keeps the one they were on. */
    var focused = document.activeElement && el.facets.contains(document.activeElement) ? document.activeElement.id : null;
    clear(el.facets);
    var active = s.format.length + (s.year ? 1 : 0);
    el.filtersCount.textContent = active ? ' (' + active + (active > 1 ? ' actifs)' : ' actif)') : '';

    /* Formats: checkboxes (the API takes a comma list). */
    var formats = Object.keys(facets.format || {});
    s.format.forEach(function (f) { if (formats.indexOf(f) < 0) formats.push(f); });
    formats.sort(function (a, b) { return (facets.format[b] || 0) - (facets.format[a] || 0) || a.localeCompare(b); });
    if (formats.length) {
      var fs = h('fieldset', { className: 'facet' }, [h('legend', { text: 'Format' })]);
      var list = h('ul', { className: 'facet-list' });
      formats.forEach(function (f) {
        var id = 'facet-format-' + f.replace(/[^a-z0-9_-]/gi, '_');
        var box = h('input', { type: 'checkbox', id: id, name: 'format', value: f, checked: s.format.indexOf(f) >= 0 });
        box.addEventListener('change', function () {
          var next = state.format.filter(function (x) { return x !== f; });
          if (box.checked) next.push(f);
          go({ q: state.q, format: next, year: state.year, page: 1 }, {});
        });
        var count = facets.format[f] || 0;
        list.appendChild(h('li', {}, [
          box,
          h('label', { for: id }, [
            h('span', { className: 'facet-name', text: formatLabel(f) }),
            h('span', { className: 'facet-count', text: numberFmt.format(count) }),
            h('span', { className: 'visually-hidden', text: count === 1 ? ' document' : ' documents' })
          ])
        ]));
      });
      fs.appendChild(list);
      el.facets.appendChild(fs);
    }

    /* Years: one at a time (the API takes one year or one range). */
    var years = Object.keys(facets.year || {});
    if (s.year && years.indexOf(s.year) < 0) years.push(s.year);
    years.sort(function (a, b) { return b.localeCompare(a); });
    if (years.length) {
      var ys = h('fieldset', { className: 'facet' }, [h('legend', { text: 'Année' })]);
      var ylist = h('ul', { className: 'facet-list facet-years' });
      var options = [''].concat(years);
      options.forEach(function (y) {
        var id = 'facet-year-' + (y || 'all').replace(/[^a-z0-9_-]/gi, '_');
        var radio = h('input', { type: 'radio', id: id, name: 'year', value: y, checked: s.year === y });
        radio.addEventListener('change', function () {
          if (radio.checked) go({ q: state.q, format: state.format, year: y, page: 1 }, {});
        });
        var label = y
          ? [h('span', { className: 'facet-name', text: y }),
             h('span', { className: 'facet-count', text: numberFmt.format(facets.year[y] || 0) }),
             h('span', { className: 'visually-hidden', text: (facets.year[y] || 0) === 1 ? ' document' : ' documents' })]
          : [h('span', { className: 'facet-name', text: 'Toutes' })];
        ylist.appendChild(h('li', {}, [radio, h('label', { for: id }, label)]));
      });
      ys.appendChild(ylist);
      el.facets.appendChild(ys);
    }
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    var none = !formats.length && !years.length;
    el.filters.hidden = none;
    el.layout.classList.toggle('no-filters', none);
  }

  function renderResults(s, results, data) {
    clear(el.results);
    var start = (s.page - 1) * PER_PAGE + 1;
    el.results.setAttribute('start', String(start));
    /* Hits that lack some words (partial): when no document has them all,
     * the notice says so; when they all follow the others, one divider
     * before them; else (a question's, ranked among the others) each says it. */
    function partial(r) { return r.partial === true && !data.relaxed; }
    var tail = 0;
    while (tail < results.length && !partial(results[tail])) tail++;
    var divided = results.slice(tail).every(partial) ? tail : -1;
    results.forEach(function (r, i) {
      if (i === divided) {
        el.results.appendChild(h('li', { className: 'results-divider' }, [
          h('p', { text: 'Documents qui n’ont pas tous les mots de la recherche' })
        ]));
      }
      var title = r.title && String(r.title).trim() ? String(r.title) : (r.path || r.url || 'Document sans titre');
      var href = safeHref(r.url, document.baseURI, r.format, r.page);
      var heading = h('h3', { className: 'result-title' }, [
        href ? h('a', { href: href, className: 'result-link' }, [title]) : title
      ]);
      var meta = h('p', { className: 'result-meta' }, [
        h('span', { className: 'badge badge-' + String(r.format || 'autre').replace(/[^a-z0-9]/gi, ''), text: formatLabel(r.format || 'autre') })
      ]);
      var date = formatDate(r.date);
      if (date) meta.appendChild(h('time', { datetime: r.date, text: date }));
      if (r.page) meta.appendChild(h('span', { className: 'result-page', text: 'page ' + r.page }));
      if (r.path) meta.appendChild(h('span', { className: 'result-path', text: r.path }));
      if (partial(r) && divided < 0) meta.appendChild(h('span', { className: 'result-partial', text: 'Pas tous les mots' }));
      var snippet = h('p', { className: 'result-snippet' });
      snippet.appendChild(snippetNodes(r.snippet));
      el.results.appendChild(h('li', { className: 'result' }, [
        h('article', {}, [heading, meta, snippet])
      ]));
    });
  }

  function pageButton(s, n, label, opts) { /* label: text or nodes */
    var target = { q: s.q, format: s.format, year: s.year, page: n };
    var a = h('a', {
      href: stateQuery(target),
      className: 'page-link' + (opts.cls ? ' ' + opts.cls : ''),
      'aria-label': opts.aria || null,
      'aria-current': opts.current ? 'page' : null,
      rel: opts.rel || null
    }, [].concat(label));
    a.addEventListener('click', function (ev) {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      go(target, { focusResults: true });
    });
    return a;
  }

  function renderPagination(s, pages, total) {
    var nav = el.pagination;
    clear(nav);
    if (total === 0 || pages <= 1) { nav.hidden = true; return; }
    nav.hidden = false;
    var list = h('ul', { className: 'pages' });
    function item(node) { list.appendChild(h('li', {}, [node])); }

    function word(arrowFirst, text) {
      var w = h('span', { className: 'page-word', text: text });
      return arrowFirst ? ['←\u00a0', w] : [w, '\u00a0→'];
    }
    if (s.page > 1) item(pageButton(s, s.page - 1, word(true, 'Précédent'), { cls: 'page-prev', rel: 'prev', aria: 'Page précédente' }));
    else item(h('span', { className: 'page-link page-prev is-disabled', 'aria-hidden': 'true' }, word(true, 'Précédent')));

    var radius = window.matchMedia('(max-width: 36rem)').matches ? 1 : 2;
    var shown = [];
    for (var n = 1; n <= pages; n++) {
      if (n === 1 || n === pages || Math.abs(n - s.page) <= radius) shown.push(n);
    }
    var last = 0;
    shown.forEach(function (n) {
      if (n - last > 1) list.appendChild(h('li', { className: 'page-gap', 'aria-hidden': 'true', text: '…' }));
      item(n === s.page
        ? h('span', { className: 'page-link is-current', 'aria-current': 'page', 'aria-label': 'Page ' + n + ', page actuelle', text: String(n) })
        : pageButton(s, n, String(n), { cls: 'page-num', aria: 'Page ' + n }));
      last = n;
    });

    if (s.page < pages) item(pageButton(s, s.page + 1, word(false, 'Suivant'), { cls: 'page-next', rel: 'next', aria: 'Page suivante' }));
    else item(h('span', { className: 'page-link page-next is-disabled', 'aria-hidden': 'true' }, word(false, 'Suivant')));
    nav.appendChild(list);
  }

  /* ---------- completions (ARIA 1.2 combobox with a listbox popup) ---------- */

  var suggestTimer = 0;
  var suggestSeq = 0;
  var suggestAbort = null;
  var suggestions = [];
  var activeIndex = -1;

  function closeSuggestions() {
    clearTimeout(suggestTimer);
    suggestSeq++;
    if (suggestAbort) suggestAbort.abort();
    suggestions = [];
    activeIndex = -1;
    el.list.hidden = true;
    clear(el.list);
    el.input.setAttribute('aria-expanded', 'false');
    el.input.removeAttribute('aria-activedescendant');
  }

  /* Completions may be whole queries or the last word alone. */
  function applySuggestion(value, s) {
    var head = value.replace(/\S*$/, '');
    if (!head.trim()) return s;
    return s.toLowerCase().indexOf(head.trim().toLowerCase()) === 0 ? s : head + s;
  }

  function requestSuggestions() {
    var value = el.input.value;
    clearTimeout(suggestTimer);
    if (!value.trim()) { closeSuggestions(); return; }
    suggestTimer = setTimeout(function () {
      var seq = ++suggestSeq;
      if (suggestAbort) suggestAbort.abort();
      suggestAbort = new AbortController();
      fetchJson('api/suggest?q=' + encodeURIComponent(value), suggestAbort.signal).then(function (res) {
        if (seq !== suggestSeq || el.input.value !== value || document.activeElement !== el.input) return;
        var list = res.status === 200 && res.body && Array.isArray(res.body.suggestions) ? res.body.suggestions : [];
        showSuggestions(value, list.filter(function (x) { return typeof x === 'string' && x.trim(); }).slice(0, 10));
      }, function () { /* completions are a convenience: stay silent */ });
    }, SUGGEST_DELAY_MS);
  }

  function showSuggestions(value, list) {
    el.list.setAttribute('data-for', value);
    suggestions = list.map(function (s) { return applySuggestion(value, s); })
      .filter(function (s, i, all) { return all.indexOf(s) === i && s !== value; });
    activeIndex = -1;
    clear(el.list);
    el.input.removeAttribute('aria-activedescendant');
    if (!suggestions.length) {
      el.list.hidden = true;
      el.input.setAttribute('aria-expanded', 'false');
      return;
    }
    suggestions.forEach(function (s, i) {
      var typed = value.toLowerCase();
      var li = h('li', { id: 'q-option-' + i, role: 'option', 'aria-selected': 'false', className: 'suggestion' });
      if (s.toLowerCase().indexOf(typed) === 0) {
        li.appendChild(document.createTextNode(s.slice(0, value.length)));
        li.appendChild(h('strong', { text: s.slice(value.length) }));
      } else {
        li.textContent = s;
      }
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
      li.addEventListener('click', function () { choose(i); });
      el.list.appendChild(li);
    });
    el.list.hidden = false;
    el.input.setAttribute('aria-expanded', 'true');
  }

  function setActive(i) {
    var items = el.list.children;
    if (activeIndex >= 0 && items[activeIndex]) {
      items[activeIndex].setAttribute('aria-selected', 'false');
      items[activeIndex].classList.remove('is-active');
    }
    activeIndex = i;
    if (i >= 0 && items[i]) {
      items[i].setAttribute('aria-selected', 'true');
      items[i].classList.add('is-active');
      items[i].scrollIntoView({ block: 'nearest' });
      el.input.setAttribute('aria-activedescendant', items[i].id);
    } else {
      el.input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(i) {
    var q = suggestions[i];
    closeSuggestions();
    if (q === undefined) return;
    el.input.value = q;
    submit();
  }

  function submit() {
    var q = el.input.value.trim();
    closeSuggestions();
    if (q === state.q && state.page === 1) { run({}); return; }
    go({ q: q, format: q ? state.format : [], year: q ? state.year : '', page: 1 }, {});
  }

  function onKeydown(ev) {
    var open = !el.list.hidden && suggestions.length > 0;
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!open) { requestSuggestions(); return; }
        setActive(activeIndex + 1 >= suggestions.length ? 0 : activeIndex + 1);
        break;
      case 'ArrowUp':
        if (!open) return;
        ev.preventDefault();
        setActive(activeIndex <= 0 ? suggestions.length - 1 : activeIndex - 1);
        break;
      case 'Enter':
        if (open && activeIndex >= 0) {
          ev.preventDefault();
          choose(activeIndex);
        }
        break;
      case 'Escape':
        if (open) {
          ev.preventDefault();
          closeSuggestions();
        }
        break;
      default:
        break;
    }
  }

  /* ---------- wiring ---------- */

  function setupFiltersBox() {
    var wide = window.matchMedia('(min-width: 56rem)');
    function apply() { el.filtersBox.open = wide.matches; }
    apply();
    if (wide.addEventListener) wide.addEventListener('change', apply);
  }

  function loadDocCount() {
    fetchJson('healthz').then(function (res) {
      if (res.status === 200 && res.body && typeof res.body.documents === 'number') {
        el.docCount.textContent = plural(res.body.documents, 'document indexé', 'documents indexés') + '.';
      }
    }, function () { /* the count is decoration */ });
  }

  function init() {
    el.form = document.getElementById('search-form');
    el.input = document.getElementById('q');
    el.list = document.getElementById('q-suggestions');
    el.status = document.getElementById('status');
    el.notices = document.getElementById('notices');
    el.layout = document.getElementById('layout');
    el.facets = document.getElementById('facets');
    el.filters = document.getElementById('filters');
    el.filtersBox = document.getElementById('filters-box');
    el.filtersCount = document.getElementById('filters-count');
    el.results = document.getElementById('results');
    el.resultsSection = document.getElementById('resultats');
    el.pagination = document.getElementById('pagination');
    el.welcome = document.getElementById('welcome');
    el.docCount = document.getElementById('doc-count');

    el.form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      submit();
    });
    el.input.addEventListener('input', requestSuggestions);
    el.input.addEventListener('keydown', onKeydown);
    el.input.addEventListener('blur', function () { closeSuggestions(); });

    Array.prototype.forEach.call(document.querySelectorAll('.examples a'), function (a) {
      a.addEventListener('click', function (ev) {
        if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        go({ q: a.textContent, format: [], year: '', page: 1 }, {});
      });
    });

    window.addEventListener('popstate', function () {
      state = readState();
      run({});
    });

    setupFiltersBox();
    loadDocCount();
    state = readState();
    run({});
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
