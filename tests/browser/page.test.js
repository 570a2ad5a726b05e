/* The search page at "/" in headless chromium against the real searchd on an
 * index of corpus/: a search with marked snippets and the judged document
 * first, facets, pagination, back/forward, the spelling suggestion,
 * keyboard-only completions, no console errors (checked by every test on
 * its own page), labels/roles/contrast, and
 * screenshots under build/screenshots/ for a person to look at. */
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('./harness.js');

const QUERY = 'mineurs non accompagnés';
let base;
let browser;

before(async () => {
  const db = H.buildIndex();
  base = (await H.startSearchd(db)).url;
  browser = await H.launchBrowser();
});

after(H.stopAll);

/* done() closes the page and fails the test that saw a console error or
 * an uncaught exception there, unless expectErrors (the test provokes
 * failures itself). Each test stands alone: none relies on another's run. */
async function openPage(url, viewport, expectErrors) {
  const context = await browser.newContext({ viewport: viewport || { width: 1280, height: 800 }, locale: 'fr-FR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  const seen = H.watch(page);
  await page.goto(base + url);
  const done = async () => {
    await context.close();
    if (expectErrors) return;
    assert.deepEqual(seen.errors, [], `${url}: no uncaught exception`);
    assert.deepEqual(seen.console, [], `${url}: no console error`);
  };
  return { page, seen, done };
}

/* Waits until the results list shows a completed search. */
async function settled(page) {
  await page.waitForFunction(() => {
    const layout = document.getElementById('layout');
    return layout && !layout.hidden && !layout.hasAttribute('aria-busy');
  });
}

async function resultPaths(page) {
  return page.$$eval('#results .result-path', (els) => els.map((e) => e.textContent));
}

async function statusText(page) {
  return (await page.textContent('#status')).replace(/\s+/g, ' ');
}

async function statusTotal(page) {
  return parseInt((await page.textContent('#status')).replace(/\s/g, ''), 10);
}

/* A query with more than one page of results and more than one format,
 * chosen from the corpus. */
async function broadQuery() {
  for (const q of ['traite', 'collectif', 'victimes', 'de', 'la']) {
    const r = await H.api(base, '/api/search?limit=1&q=' + encodeURIComponent(q));
    if (r.status === 200 && r.body.total > 10 && Object.keys(r.body.facets.format).length > 1) {
      return { q, total: r.body.total };
    }
  }
  throw new Error('no query in the corpus has two pages of results in two formats');
}

test('search « mineurs non accompagnés »: marked snippets, judged document first', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/');
  await page.fill('#q', QUERY);
  await page.press('#q', 'Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === QUERY);
  await settled(page);
  const count = await page.locator('#results > li').count();
  assert.ok(count > 0, 'results are listed');
  assert.ok(await page.locator('#results .result-snippet mark').count() > 0, 'snippets carry <mark>');
  const marked = await page.$$eval('#results .result-snippet mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  assert.ok(marked.some((m) => /mineur|accompagn/.test(m)), `marked words are the query's: ${marked.slice(0, 5)}`);
  assert.match(await statusText(page), /\d+ documents? trouvés? en [\d,]+ ms/);
  const answers = H.judgedAnswers(QUERY);
  assert.ok(answers.length > 0, 'tests/relevance/queries.tsv judges an answer to the query');
  const first = await page.$eval('#results > li:first-child .result-path', (e) => e.textContent);
  assert.ok(answers.some((a) => first.endsWith(a) || a.endsWith(first)), `first result ${first} is one of the judged answers ${answers}`);
  const href = await page.getAttribute('#results > li:first-child a.result-link', 'href');
  assert.ok(href && !/^javascript:/i.test(href), 'the title links to the document');
  await done();
});

test('a format facet narrows the results and the URL carries it', { timeout: 60000 }, async () => {
  const { q } = await broadQuery();
  const { page, done } = await openPage('/?q=' + encodeURIComponent(q));
  await settled(page);
  const totalBefore = await statusTotal(page);
  const facets = await page.$$eval('#facets input[name="format"]', (els) => els.map((e) => ({
    value: e.value,
    count: parseInt(e.parentNode.querySelector('.facet-count').textContent.replace(/\D/g, ''), 10)
  })));
  assert.ok(facets.length > 0, 'format facets are shown');
  const pick = facets.slice().sort((a, b) => a.count - b.count)[0];
  await page.click(`label[for="facet-format-${pick.value}"]`);
  await page.waitForURL((u) => u.searchParams.get('format') === pick.value);
  await settled(page);
  const totalAfter = await statusTotal(page);
  assert.equal(totalAfter, pick.count, 'the total is the facet count');
  if (facets.length > 1) assert.ok(totalAfter < totalBefore, `${totalAfter} < ${totalBefore}`);
  const badges = await page.$$eval('#results .badge', (els) => els.map((e) => e.className));
  assert.ok(badges.length > 0 && badges.every((c) => c.includes('badge-' + pick.value)), 'every result has that format');
  assert.equal(await page.isChecked(`#facet-format-${pick.value}`), true);
  await done();
});

test('next page, then back and forward restore each state', { timeout: 60000 }, async () => {
  const { q } = await broadQuery();
  const { page, done } = await openPage('/?q=' + encodeURIComponent(q));
  await settled(page);
  const page1 = await resultPaths(page);
  assert.equal(page1.length, 10);
  await page.click('#pagination a[rel="next"]');
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  await settled(page);
  const page2 = await resultPaths(page);
  assert.ok(page2.length > 0);
  assert.ok(!page2.some((p) => page1.includes(p)), 'page 2 shows other documents');
  assert.equal(await page.getAttribute('#pagination [aria-current="page"]', 'aria-label'), 'Page 2, page actuelle');
  assert.equal(await page.getAttribute('#results', 'start'), '11');

  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('page') && u.searchParams.get('q') === q);
  await settled(page);
  assert.deepEqual(await resultPaths(page), page1, 'back restores page 1');
  assert.equal(await page.inputValue('#q'), q);

  await page.goForward();
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  await settled(page);
  assert.deepEqual(await resultPaths(page), page2, 'forward restores page 2');

  await page.goto(base + '/?q=' + encodeURIComponent(q) + '&page=2');
  await settled(page);
  assert.deepEqual(await resultPaths(page), page2, 'a shared link opens the same page');
  await done();
});

test('back after a facet restores the unfiltered search', { timeout: 60000 }, async () => {
  const { q, total } = await broadQuery();
  const { page, done } = await openPage('/?q=' + encodeURIComponent(q));
  await settled(page);
  const first = await page.$eval('#facets input[name="format"]', (e) => e.value);
  await page.check(`#facet-format-${first}`);
  await page.waitForURL((u) => u.searchParams.get('format') === first);
  await settled(page);
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('format'));
  await settled(page);
  assert.equal(await page.isChecked(`#facet-format-${first}`), false);
  assert.equal(await statusTotal(page), total);
  await done();
});

test('a misspelt query shows « Vouliez-vous dire … ? » and clicking it searches', { timeout: 60000 }, async () => {
  let misspelt = null;
  let suggestion = null;
  for (const q of ['mineurs non acompagnés', 'mineur non accompagnes', 'trafficking humains', 'prostitusion', 'exploitasion']) {
    const r = await H.api(base, '/api/search?limit=1&q=' + encodeURIComponent(q));
    if (r.status === 200 && r.body.suggestion) { misspelt = q; suggestion = r.body.suggestion; break; }
  }
  assert.ok(misspelt, 'searchd suggests a correction for one of the misspelt queries');
  const { page, done } = await openPage('/?q=' + encodeURIComponent(misspelt));
  await settled(page);
  const link = page.locator('#notices a.query-link');
  await link.waitFor();
  assert.equal((await link.textContent()).trim(), suggestion);
  assert.match((await page.textContent('#notices')).replace(/\s+/g, ' '), /Vouliez-vous dire|Voici les résultats pour/);
  await link.click();
  await page.waitForURL((u) => u.searchParams.get('q') === suggestion);
  await settled(page);
  assert.equal(await page.inputValue('#q'), suggestion);
  assert.ok(await page.locator('#results > li').count() > 0, 'the suggestion finds documents');
  await done();
});

test('keyboard only: Tab to the box, completions with ArrowDown, Enter, Escape', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/');
  for (let i = 0; i < 6 && !(await page.evaluate(() => document.activeElement.id === 'q')); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'Tab reaches the search box');
  assert.ok(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'), 'focus is visible');
  await page.keyboard.type('mine', { delay: 30 });
  /* The completions for the whole word typed, not for its first letters. */
  const options = page.locator('#q-suggestions[data-for="mine"] [role="option"]');
  await options.first().waitFor();
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  const activeId = await page.getAttribute('#q', 'aria-activedescendant');
  assert.ok(activeId, 'ArrowDown sets aria-activedescendant');
  assert.equal(await page.getAttribute('#' + activeId, 'aria-selected'), 'true');
  const chosen = (await page.textContent('#' + activeId)).trim();
  assert.match(chosen, /^mine/i);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === chosen);
  await settled(page);
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'false');
  assert.ok(await page.locator('#results > li').count() > 0, `the completion « ${chosen} » finds documents`);

  await page.fill('#q', '');
  await page.keyboard.type('trai', { delay: 30 });
  await page.locator('#q-suggestions[data-for="trai"] [role="option"]').first().waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#q-suggestions'), true, 'Escape closes the completions');
  assert.equal(await page.inputValue('#q'), 'trai', 'Escape keeps what was typed');
  await done();
});

test('accessibility: language, landmarks, labels, names, live region, contrast', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/?q=' + encodeURIComponent(QUERY));
  await settled(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  for (const role of ['banner', 'main', 'contentinfo', 'search']) {
    assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
  }
  assert.equal(await page.getByRole('combobox', { name: /Rechercher/ }).count(), 1, 'the search box is a labelled combobox');
  assert.equal(await page.getByRole('button', { name: 'Rechercher' }).count(), 1);
  const report = await page.evaluate(() => {
    const out = [];
    const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
    document.querySelectorAll('input, select, textarea').forEach((e) => {
      if (e.type === 'hidden') return;
      const named = (e.labels && e.labels.length) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
      if (!named) out.push('input without label: ' + (e.id || e.name));
    });
    document.querySelectorAll('button, a[href]').forEach((e) => {
      if (visible(e) && !(e.textContent.trim() || e.getAttribute('aria-label'))) out.push('unnamed control: ' + e.outerHTML.slice(0, 80));
    });
    document.querySelectorAll('img').forEach((e) => { if (!e.hasAttribute('alt')) out.push('img without alt: ' + e.src); });
    document.querySelectorAll('svg').forEach((e) => {
      if (e.getAttribute('aria-hidden') !== 'true' && !e.getAttribute('aria-label') && e.getAttribute('role') !== 'img') out.push('svg neither hidden nor labelled');
    });
    const ids = {};
    document.querySelectorAll('[id]').forEach((e) => { if (ids[e.id]) out.push('duplicate id ' + e.id); ids[e.id] = 1; });
    document.querySelectorAll('[aria-controls], [aria-labelledby], [aria-describedby]').forEach((e) => {
      ['aria-controls', 'aria-labelledby', 'aria-describedby'].forEach((a) => {
        (e.getAttribute(a) || '').split(/\s+/).filter(Boolean).forEach((id) => {
          if (!document.getElementById(id)) out.push(`${a} points to missing #${id}`);
        });
      });
    });
    const live = document.querySelector('[aria-live="polite"]#status');
    if (!live || !/documents? trouvés?/.test(live.textContent)) out.push('no live region with the result count');
    if (!document.querySelector('nav[aria-label]')) out.push('no labelled navigation (pagination)');
    document.querySelectorAll('fieldset').forEach((f) => { if (!f.querySelector('legend')) out.push('fieldset without legend'); });

    /* WCAG AA contrast of every visible text run against its backdrop. */
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
    const backdrop = (e) => {
      for (let n = e; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const e = t.parentElement;
      if (!t.nodeValue.trim() || checked.has(e) || !visible(e)) continue;
      checked.add(e);
      const cs = getComputedStyle(e);
      if (cs.visibility === 'hidden' || e.closest('.visually-hidden, [hidden]')) continue;
      const l1 = lum(rgb(cs.color).slice(0, 3));
      const l2 = lum(backdrop(e));
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && parseInt(cs.fontWeight, 10) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`contrast ${ratio.toFixed(2)} for "${t.nodeValue.trim().slice(0, 30)}"`);
    }
    return out;
  });
  assert.deepEqual(report, []);
  await done();
});

test('nothing found: a clear message with hints, and filters can be removed', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/?q=zzqxw');
  await settled(page);
  const box = page.locator('#notices .notice-empty');
  await box.waitFor();
  const text = (await box.textContent()).replace(/\s+/g, ' ');
  assert.match(text, /Aucun document ne correspond à « zzqxw »/);
  assert.match(text, /Vérifiez l’orthographe/);
  assert.match(text, /moins de mots/);
  assert.equal(await page.locator('#results > li').count(), 0);
  assert.match(await statusText(page), /^Aucun document trouvé/);

  await page.goto(base + '/?q=traite&year=1900');
  await settled(page);
  await page.getByRole('button', { name: 'Retirer les filtres' }).click();
  await page.waitForURL((u) => !u.searchParams.has('year') && u.searchParams.get('q') === 'traite');
  await settled(page);
  assert.ok(await page.locator('#results > li').count() > 0, 'without the filter the search finds documents');
  await done();
});

test('results that miss a word are announced as the closest ones', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/');
  await page.route('**/api/search?**', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({
      query: 'mineurs licornes', total: 1, took_ms: 0.8, suggestion: null, relaxed: true, corrected: false,
      facets: { format: { text: 1 }, year: { 2018: 1 } },
      results: [{ id: 'd1', title: 'Compte rendu', url: 'https://example.org/cr.txt', path: 'corpus/cr.txt',
        format: 'text', date: '2018-01-27', page: null, score: 1, snippet: 'les <mark>mineurs</mark> isolés' }]
    })
  }));
  await page.fill('#q', 'mineurs licornes');
  await page.press('#q', 'Enter');
  await settled(page);
  assert.match(await page.textContent('#notices'), /Aucun document ne contient tous les mots\s*; voici les plus proches/);
  assert.equal(await page.textContent('#results time'), '27 janvier 2018');
  await done();
});

test('documents that lack some words come after a divider, or say so one by one', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/');
  const hit = (id, partial) => ({ id: 'd' + id, title: 'Document ' + id, url: 'https://example.org/' + id + '.txt',
    path: 'corpus/' + id + '.txt', format: 'text', date: null, page: null, score: 1, snippet: 'les <mark>mots</mark>', partial });
  let order = [false, true, true];
  await page.route('**/api/search?**', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({
      query: 'a b c', total: 3, all_words: 1, took_ms: 0.8, suggestion: null, relaxed: false, corrected: false,
      facets: { format: { text: 3 }, year: {} },
      results: order.map((p, i) => hit(i + 1, p))
    })
  }));
  await page.fill('#q', 'ajout legende graphique');
  await page.press('#q', 'Enter');
  await settled(page);
  const items = await page.$$eval('#results > li', (els) => els.map((e) => e.className + ':' + e.textContent.replace(/\s+/g, ' ')));
  assert.equal(items.length, 4);
  assert.match(items[0], /^result:.*Document 1/);
  assert.doesNotMatch(items[0], /Pas tous les mots/);
  assert.match(items[1], /^results-divider:Documents qui n’ont pas tous les mots de la recherche/);
  assert.match(items[2], /^result:.*Document 2/);
  assert.match(await statusText(page), /^1 document contient tous les mots, 2 une partie/);
  assert.equal(await page.locator('#results .result-partial').count(), 0);

  /* A question ranks them among the others: each one says it. */
  order = [true, false, true];
  await page.fill('#q', 'comment ajouter une legende ?');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('#results .result-partial').length === 2);
  await settled(page);
  assert.equal(await page.locator('#results .results-divider').count(), 0);
  const tags = await page.$$eval('#results > li', (els) => els.map((e) => !!e.querySelector('.result-partial')));
  assert.deepEqual(tags, [true, false, true]);
  await done();
});

test('snippets and titles keep only <mark>: other markup shows as text, unsafe links are dropped', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/');
  await page.route('**/api/search?**', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({
      query: 'x', total: 1, took_ms: 0.5, suggestion: null,
      facets: { format: { html: 1 }, year: {} },
      results: [{
        id: 'd1', title: '<b onmouseover="window.__pwned=1">Titre</b>', url: 'javascript:window.__pwned=2',
        path: 'corpus/x.html', format: 'html', date: null, page: null, score: 1,
        snippet: '<img src=x onerror="window.__pwned=3">avant <mark>mot</mark> &lt;script&gt; ' +
          '<script>window.__pwned=4</script><mark onclick="window.__pwned=5" class="x">autre</mark> <a href="javascript:1">lien</a>'
      }]
    })
  }));
  await page.fill('#q', 'x');
  await page.press('#q', 'Enter');
  await settled(page);
  const r = await page.evaluate(() => {
    const li = document.querySelector('#results > li');
    return {
      tags: Array.from(li.querySelectorAll('.result-snippet *')).map((e) => e.localName + ':' + e.attributes.length),
      text: li.querySelector('.result-snippet').textContent,
      title: li.querySelector('.result-title').innerHTML,
      links: li.querySelectorAll('a').length,
      pwned: window.__pwned
    };
  });
  assert.deepEqual(r.tags, ['mark:0', 'mark:0']);
  assert.match(r.text, /^avant mot <script> +autre lien$/);
  assert.equal(r.title, '&lt;b onmouseover="window.__pwned=1"&gt;Titre&lt;/b&gt;');
  assert.equal(r.links, 0, 'a javascript: URL gives no link');
  assert.equal(r.pwned, undefined);
  await done();
});

test('a failing server gives a clear message and « Réessayer » recovers', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/', null, true);
  await page.route('**/api/search?**', (route) => route.abort('connectionrefused'));
  await page.fill('#q', 'traite');
  await page.press('#q', 'Enter');
  await page.locator('.notice-error').waitFor();
  assert.match(await page.textContent('.notice-error'), /ne répond pas/);
  assert.match(await statusText(page), /Erreur/);
  await page.unroute('**/api/search?**');
  await page.route('**/api/search?**', (route) => route.fulfill({
    status: 503, contentType: 'application/json', body: '{"error": "index unavailable"}'
  }));
  await page.click('.notice-error button');
  await page.waitForFunction(() => /indisponible/.test(document.querySelector('.notice-error').textContent));
  await page.unroute('**/api/search?**');
  await page.click('.notice-error button');
  await settled(page);
  await page.locator('#results > li').first().waitFor();
  assert.equal(await page.locator('.notice-error').count(), 0, 'the message goes once the server answers');
  await done();
});

test('screenshots of the page at desktop and phone widths', { timeout: 60000 }, async () => {
  const shots = [
    ['page-desktop', { width: 1280, height: 800 }, '/?q=' + encodeURIComponent(QUERY)],
    ['page-phone', { width: 390, height: 844 }, '/?q=' + encodeURIComponent(QUERY)],
    ['page-home-desktop', { width: 1280, height: 800 }, '/'],
    ['page-empty-phone', { width: 390, height: 844 }, '/?q=' + encodeURIComponent('zzqxw')]
  ];
  for (const [name, viewport, url] of shots) {
    const { page, done } = await openPage(url, viewport);
    if (url !== '/') await settled(page);
    else await page.waitForFunction(() => document.getElementById('doc-count').textContent !== '');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: no horizontal scrolling (${overflow}px too wide)`);
    await H.screenshot(page, name);
    await done();
  }
});

test('search, next page and back: no console errors or uncaught exceptions', { timeout: 60000 }, async () => {
  const { page, done } = await openPage('/');
  await page.keyboard.press('Tab');
  await page.fill('#q', 'traite');
  await page.press('#q', 'Enter');
  await settled(page);
  await page.click('#pagination a[rel="next"]');
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  await settled(page);
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('page'));
  await settled(page);
  await done();
});
