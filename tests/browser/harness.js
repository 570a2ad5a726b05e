/* Shared set-up for the browser suites: an index of corpus/ built with the
 * real indexer, real searchd processes on 127.0.0.1:0 (with or without
 * --cors), a small static server standing for another website's origin, and
 * headless Debian chromium driven by playwright-core. Everything started here
 * is stopped by stopAll(); temp dirs are removed. */
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const ROOT = process.env.REPERE_ROOT || path.resolve(__dirname, '..', '..');
const BIN = process.env.REPERE_BIN || path.join(ROOT, 'bin');
const SHOTS = path.join(ROOT, 'build', 'screenshots');
const STATIC = path.join(ROOT, 'searchd', 'static');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
];

const cleanups = [];

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'repere-browser-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/* The index: the run script may build it once for every suite
 * (REPERE_BROWSER_DB); otherwise this process builds its own. */
function buildIndex() {
  if (process.env.REPERE_BROWSER_DB) return process.env.REPERE_BROWSER_DB;
  const db = path.join(tempDir(), 'repere.db');
  execFileSync(path.join(BIN, 'indexer'), ['--db', db, '--quiet', path.join(ROOT, 'corpus')], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe']
  });
  return db;
}

/* Starts searchd and resolves with its base URL once the ready line is out.
 * stderr keeps being drained (searchd logs a line per request). */
function startSearchd(db, extraArgs) {
  return new Promise((resolve, reject) => {
    const args = ['--db', db, '--listen', '127.0.0.1:0', ...(extraArgs || [])];
    const proc = spawn(path.join(BIN, 'searchd'), args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    let ready = false;
    const timer = setTimeout(() => {
      if (!ready) { proc.kill('SIGKILL'); reject(new Error('searchd not ready after 15 s:\n' + log)); }
    }, 15000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      if (log.length < 200000) log += chunk;
      const m = !ready && /searchd: listening on (http:\/\/[^\s/]+)\//.exec(log);
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolve({ url: m[1], proc, log: () => log });
      }
    });
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    proc.on('exit', (code, sig) => {
      if (!ready) { clearTimeout(timer); reject(new Error(`searchd exited (${code ?? sig}) before ready:\n${log}`)); }
    });
    cleanups.push(() => new Promise((done) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return done();
      proc.once('exit', () => done());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
    }));
  });
}

/* Another website: serves demo-site.html with the widget's src pointing at
 * searchd (getSearchd() is read per request: searchd may start later, once
 * this origin is known for its --cors flag). "/bare.html" is the same page
 * without the widget, to compare the window's globals. */
function startSite(getSearchd) {
  return new Promise((resolve, reject) => {
    const page = fs.readFileSync(path.join(STATIC, 'demo-site.html'), 'utf8');
    if (!page.includes('<script src="widget.js"')) {
      reject(new Error('demo-site.html does not load widget.js with src="widget.js"'));
      return;
    }
    const server = http.createServer((req, res) => {
      const p = new URL(req.url, 'http://x').pathname;
      let body;
      if (p === '/' || p === '/demo-site.html') {
        body = page.replace('src="widget.js"', `src="${getSearchd()}/widget.js"`);
      } else if (p === '/bare.html') {
        body = page.replace(/<script src="widget\.js"[^>]*><\/script>/, '');
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(body);
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      cleanups.push(() => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }));
      resolve(`http://127.0.0.1:${server.address().port}`);
    });
  });
}

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  cleanups.push(() => browser.close());
  return browser;
}

/* Records what a page says went wrong: console errors and uncaught errors. */
function watch(page) {
  const seen = { console: [], errors: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.console.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e && e.stack || e)));
  return seen;
}

async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name + '.png');
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

async function stopAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try { await fn(); } catch (e) { /* best effort: keep cleaning */ }
  }
}

/* The documents judged the answer (grade 3) to a query in
 * tests/relevance/queries.tsv ("query<TAB>path<TAB>grade"); empty when the
 * relevance set is not there. */
function judgedAnswers(query) {
  const file = path.join(ROOT, 'tests', 'relevance', 'queries.tsv');
  if (!fs.existsSync(file)) return [];
  const norm = (s) => s.normalize('NFC').trim().toLowerCase();
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [q, doc, grade] = line.split('\t').map((c) => (c || '').trim());
    if (norm(q) === norm(query) && grade === '3' && doc && !out.includes(doc)) out.push(doc);
  }
  return out;
}

/* A plain JSON GET against searchd, for choosing test data at run time. */
async function api(base, pathAndQuery) {
  const r = await fetch(base + pathAndQuery);
  return { status: r.status, body: await r.json() };
}

module.exports = {
  ROOT, BIN, SHOTS, buildIndex, startSearchd, startSite, launchBrowser, watch,
  screenshot, stopAll, judgedAnswers, api
};
