// What the browser tests share: their command line, Debian's headless Chromium driven by
// playwright-core (which downloads no browser), the checks and their tally, a page that may not
// reach the network, and staffnet analyze into a scratch folder.
//
// A test that cannot run here (no Chromium, no playwright-core) exits 77, which CTest counts as
// skipped; in CI (CI set) it fails instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const exampleConfig = path.resolve(here, '../../examples/district/config.yaml');

// --name value pairs from the command line.
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
export const option = (name, fallback) => args[name] ?? fallback;
export const staffnet = path.resolve(option('staffnet', 'build/staffnet'));
const chromiumPath = option('chromium', '/usr/bin/chromium');

function skip(label, why) {
  if (process.env.CI) { console.error(`${label}: ${why} (required in CI)`); process.exit(1); }
  console.log(`${label} skipped: ${why}`);
  process.exit(77);
}

// Starts headless Chromium, or skips the test (see above).
export async function launch(label) {
  if (!fs.existsSync(chromiumPath)) skip(label, `no Chromium at ${chromiumPath} (apt-get install chromium)`);
  let chromium;
  try {
    ({ chromium } = await import(pathToFileURL(path.join(here, 'node_modules/playwright-core/index.mjs')).href));
  } catch {
    skip(label, 'playwright-core is not installed (npm ci --prefix tests/browser)');
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
}

// The tally: each check prints one line, ok or FAILED with its detail.
const tally = { passed: 0, failed: 0 };
export function check(ok, what, detail = '') {
  if (ok) { tally.passed++; console.log(`ok: ${what}`); } else { tally.failed++; console.log(`FAILED: ${what}${detail ? `\n    ${detail}` : ''}`); }
}
// Prints the tally and exits 1 if any check failed.
export function finish() {
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed ? 1 : 0);
}

// Records what a page says and asks for: console errors and warnings, uncaught errors, requests
// for which `allowed(url)` is false, and dialogs (dismissed).
export function watch(page, seen, allowed) {
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') seen.errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!allowed(r.url())) seen.requests.push(r.url()); });
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss(); });
}

const local = (url) => /^(file|data|blob|about):/.test(url);

// A page for a file: any request that is not the file itself (or data:, blob:) is recorded and
// refused, and alert/confirm/prompt only leave a mark (window.__alerted).
export async function offlinePage(browser, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.addInitScript(() => {
    for (const name of ['alert', 'confirm', 'prompt']) window[name] = (m) => { window.__alerted = `${name}: ${m}`; };
  });
  const seen = { errors: [], requests: [], dialogs: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    seen.requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  watch(page, seen, local);
  return { context, page, seen };
}

// Checks that a page stayed quiet: no console errors, no requests, no dialogs.
export function clean(seen, label, requestsWhat = 'no network requests') {
  check(seen.errors.length === 0, `${label}: no console errors or warnings`, seen.errors.join('\n    '));
  check(seen.requests.length === 0, `${label}: ${requestsWhat}`, seen.requests.join('\n    '));
  check(seen.dialogs.length === 0, `${label}: no dialog opened`, seen.dialogs.join('\n    '));
}

// Scratch folders, removed by removeScratch().
const scratch = [];
export function scratchDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `staffnet-${name}-`));
  scratch.push(dir);
  return dir;
}
export function removeScratch() {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
}

// staffnet analyze `config` into a scratch folder: the report's path, the run's seconds, the folder.
export function analyze(config, name, extra = [], env = {}) {
  const dir = scratchDir(name);
  const out = path.join(dir, 'out');
  const started = Date.now();
  const run = spawnSync(staffnet, ['analyze', config, '--out', out, ...extra], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`staffnet analyze ${config} failed (${run.status}):\n${run.stderr}`);
  const report = path.join(out, 'report.html');
  if (!fs.existsSync(report)) throw new Error(`staffnet analyze wrote no report.html into ${out}`);
  return { report, seconds: (Date.now() - started) / 1000, dir };
}

// Element screenshots scroll; the report's sticky navigation bar would cover part of them.
export const still = 'nav { position: static !important; }';
