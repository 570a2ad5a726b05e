/* The website widget (/widget.js) on the demo site served from another
 * origin: with searchd --cors for that origin the site's own input shows a
 * dropdown of results; without it the browser blocks the requests and the
 * widget stays silent (no dropdown, no exception). Both searchd run from
 * the start; each test points the site at the one it needs, so any test can
 * run alone or in any order. */
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('./harness.js');

let browser;
let site;           /* the demo site's origin, http://127.0.0.1:PORT */
let withCors;       /* searchd --cors SITE */
let withoutCors;    /* searchd without --cors */
let searchd = null; /* the one the site's widget points at: each test sets it first */

/* What chromium itself prints when CORS blocks a request: expected, and
 * the only console errors allowed when the widget is refused. */
const CORS_NOISE = /blocked by CORS policy|net::ERR_FAILED/;

before(async () => {
  const db = H.buildIndex();
  site = await H.startSite(() => searchd);
  withCors = (await H.startSearchd(db, ['--cors', site])).url;
  withoutCors = (await H.startSearchd(db)).url;
  browser = await H.launchBrowser();
});

after(H.stopAll);

async function openDemo(viewport) {
  const context = await browser.newContext({ viewport: viewport || { width: 1280, height: 800 }, locale: 'fr-FR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  const seen = H.watch(page);
  await page.goto(site + '/demo-site.html');
  return { page, seen, done: () => context.close() };
}

/* Types like a visitor and waits until the widget's search request ended,
 * whether it succeeded or was blocked. */
async function typeAndWaitForApi(page, text) {
  let timer;
  const ended = new Promise((resolve, reject) => {
    /* Only the request for the whole text: under load the widget's delay
     * can fire between two keys, and that earlier request, aborted or
     * answered, says nothing about what the dropdown will show. */
    const onEnd = (req) => {
      if (!req.url().includes('/api/search')) return;
      if (new URL(req.url()).searchParams.get('q') !== text.trim()) return;
      page.off('requestfinished', onEnd);
      page.off('requestfailed', onEnd);
      clearTimeout(timer);
      resolve(req);
    };
    page.on('requestfinished', onEnd);
    page.on('requestfailed', onEnd);
    timer = setTimeout(() => reject(new Error('the widget sent no /api/search request')), 10000);
  });
  await page.click('#search');
  await page.keyboard.type(text, { delay: 20 });
  return ended;
}

test('widget from another origin with --cors: dropdown of results, keyboard, Enter opens the results page', { timeout: 60000 }, async () => {
  searchd = withCors;
  assert.notEqual(new URL(searchd).origin, site, 'the site and searchd are different origins');
  const { page, seen, done } = await openDemo();
  await typeAndWaitForApi(page, 'mineurs');
  const panel = page.locator('.repere-w-panel');
  /* the dropdown drawn from that request's answer, not from an earlier one */
  await page.locator('.repere-w-panel[data-for="mineurs"]').waitFor({ state: 'visible' });
  const titles = await page.$$eval('.repere-w-option .repere-w-title', (els) => els.map((e) => e.textContent));
  assert.ok(titles.length > 0 && titles.length <= 5, `top results listed (${titles.length})`);
  assert.ok(await page.locator('.repere-w-snippet mark').count() > 0, 'snippets carry <mark>');
  assert.equal(await page.getAttribute('#search', 'aria-expanded'), 'true');

  const fonts = await page.evaluate(() => ({
    site: getComputedStyle(document.getElementById('search')).fontFamily,
    widget: getComputedStyle(document.querySelector('.repere-w-title')).fontFamily
  }));
  assert.equal(fonts.widget, fonts.site, 'the dropdown uses the site\'s font');

  await page.keyboard.press('ArrowDown');
  const active = await page.getAttribute('#search', 'aria-activedescendant');
  assert.ok(active && await page.locator('#' + active).getAttribute('aria-selected') === 'true', 'ArrowDown selects the first result');
  await page.keyboard.press('Escape');
  assert.equal(await panel.isHidden(), true, 'Escape closes the dropdown');
  await H.screenshot(page, 'demo-site-closed');

  await page.keyboard.type('s', { delay: 20 });
  await page.keyboard.press('Backspace');
  await panel.waitFor({ state: 'visible' });
  await H.screenshot(page, 'demo-site-desktop');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.origin === searchd && u.searchParams.get('q') === 'mineurs');
  await page.waitForSelector('#results > li');
  assert.deepEqual(seen.errors, [], 'no uncaught exception');
  assert.deepEqual(seen.console, [], 'no console error');
  await done();
});

test('widget dropdown on a phone-width site', { timeout: 60000 }, async () => {
  searchd = withCors;
  const { page, seen, done } = await openDemo({ width: 390, height: 844 });
  await typeAndWaitForApi(page, 'traite');
  await page.locator('.repere-w-panel[data-for="traite"]').waitFor({ state: 'visible' });
  const box = await page.locator('.repere-w-panel').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, 'the dropdown fits the screen');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the demo site does not scroll sideways (${overflow}px too wide)`);
  await H.screenshot(page, 'demo-site-phone');
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.console, []);
  await done();
});

test('the widget keeps only <mark> from a snippet and drops unsafe links', { timeout: 60000 }, async () => {
  searchd = withCors;
  const { page, seen, done } = await openDemo();
  await page.route('**/api/search?**', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    headers: { 'Access-Control-Allow-Origin': site },
    body: JSON.stringify({
      query: 'xy', total: 2, took_ms: 0.5, suggestion: null, relaxed: false, corrected: false,
      facets: { format: { html: 2 }, year: {} },
      results: [
        { id: 'd1', title: 'Lien piégé', url: 'javascript:window.__pwned=1', path: 'a.html', format: 'html',
          date: null, page: null, score: 2, snippet: 'rien' },
        { id: 'd2', title: '<b>Titre</b>', url: 'https://example.org/b.html', path: 'b.html', format: 'html',
          date: null, page: null, score: 1,
          snippet: '<img src=x onerror="window.__pwned=2">avant <mark onclick="window.__pwned=3">mot</mark> ' +
            '<script>window.__pwned=4</script><a href="javascript:1">lien</a>' }
      ]
    })
  }));
  await typeAndWaitForApi(page, 'xy');
  await page.locator('.repere-w-panel[data-for="xy"]').waitFor({ state: 'visible' });
  const r = await page.evaluate(() => ({
    titles: Array.from(document.querySelectorAll('.repere-w-option .repere-w-title')).map((e) => e.textContent),
    tags: Array.from(document.querySelectorAll('.repere-w-snippet *')).map((e) => e.localName + ':' + e.attributes.length),
    text: document.querySelector('.repere-w-snippet').textContent,
    pwned: window.__pwned
  }));
  assert.deepEqual(r.titles, ['<b>Titre</b>'], 'the javascript: result is left out, the title is text');
  assert.deepEqual(r.tags, ['mark:0']);
  assert.equal(r.text, 'avant mot lien');
  assert.equal(r.pwned, undefined);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.console, []);
  await done();
});

test('the widget says which results lack some of the words', { timeout: 60000 }, async () => {
  searchd = withCors;
  const { page, seen, done } = await openDemo();
  const hit = (id, partial) => ({ id: 'd' + id, title: 'Document ' + id, url: 'https://example.org/' + id + '.html',
    path: id + '.html', format: 'html', date: null, page: null, score: 1, snippet: 'les <mark>mots</mark>', partial });
  await page.route('**/api/search?**', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    headers: { 'Access-Control-Allow-Origin': site },
    body: JSON.stringify({
      query: 'ab cd ef', total: 2, all_words: 1, took_ms: 0.5, suggestion: null, relaxed: false, corrected: false,
      facets: { format: { html: 2 }, year: {} },
      results: [hit(1, false), hit(2, true)]
    })
  }));
  await typeAndWaitForApi(page, 'ab cd ef');
  await page.locator('.repere-w-panel[data-for="ab cd ef"]').waitFor({ state: 'visible' });
  const metas = await page.$$eval('.repere-w-option .repere-w-meta', (els) => els.map((e) => e.textContent));
  assert.equal(metas.length, 2);
  assert.doesNotMatch(metas[0], /pas tous les mots/);
  assert.match(metas[1], /pas tous les mots/);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.console, []);
  await done();
});

test('the widget defines no global name', { timeout: 60000 }, async () => {
  searchd = withCors;
  const context = await browser.newContext();
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  await page.goto(site + '/bare.html');
  const bare = await page.evaluate(() => Object.getOwnPropertyNames(window));
  await page.goto(site + '/demo-site.html');
  await page.waitForFunction(() => document.getElementById('search').hasAttribute('data-repere-attached'));
  const withWidget = await page.evaluate(() => Object.getOwnPropertyNames(window));
  assert.deepEqual(withWidget.filter((n) => !bare.includes(n)), []);
  await context.close();
});

test('without --cors the browser blocks the widget and it fails quietly', { timeout: 60000 }, async () => {
  searchd = withoutCors;
  const { page, seen, done } = await openDemo();
  const req = await typeAndWaitForApi(page, 'mineurs');
  assert.ok(req.failure(), 'the cross-origin request is blocked');
  assert.equal(await page.locator('.repere-w-panel').isVisible(), false, 'no dropdown');
  assert.equal(await page.getAttribute('#search', 'aria-expanded'), 'false');
  assert.equal(await page.inputValue('#search'), 'mineurs', 'the site\'s input still works');
  assert.deepEqual(seen.errors, [], 'no uncaught exception from the widget');
  assert.deepEqual(seen.console.filter((m) => !CORS_NOISE.test(m)), [], 'only the browser\'s own CORS messages');
  await done();
});
