// `staffnet serve` in Debian's headless Chromium, driven by playwright-core: a tie typed into the
// worksheet grid shows in the map and the outreach list, a second browser sees it (the delay printed),
// undo takes it back, a name that tries to inject markup shows as text, and a write from another
// origin is refused. Only loopback addresses. Exit 0: passed, 1: failed, 77: skipped (see harness.mjs).
//
//   node serve_test.mjs --staffnet build/staffnet --out build/browser-serve [--screenshot docs/serve.png]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { check, clean, exampleConfig as example, finish, launch, option, removeScratch, scratchDir, staffnet, watch } from './harness.mjs';

const outDir = path.resolve(option('out', 'build/browser-serve'));

// Starts the server on a free loopback port; resolves with its URL.
function startServer(db) {
  const child = spawn(staffnet, ['serve', example, '--db', db, '--port', '0', '--no-browser'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^staffnet serve: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`staffnet serve exited (${code}): ${stderr}`)));
  });
}

async function json(url, init) {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

fs.mkdirSync(outDir, { recursive: true });
const browser = await launch('browser test');
const { child, url } = await startServer(path.join(scratchDir('serve'), 'staffnet.db'));
const origin = url.replace(/\/$/, '');

// A page in its own browser context (its own cookies: its own session).
async function open() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
  const seen = { errors: [], requests: [], dialogs: [] };
  const page = await context.newPage();
  watch(page, seen, (u) => u.startsWith(origin));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#grid td').length > 0 &&
    document.querySelectorAll('#map circle').length > 0 && document.querySelectorAll('#risk tbody tr').length > 0 &&
    document.getElementById('status').textContent === 'live', null, { timeout: 20000 });
  return { context, page, seen };
}

const cellText = (page, member, leader) => page.evaluate(([m, l]) => {
  const td = document.querySelector(`#grid td[data-member="${m}"][data-leader="${l}"]`);
  return td ? td.textContent : null;
}, [member, leader]);
// The leader's outreach row without its rank (which other people's changes may shift).
const riskRow = (page, id) => page.evaluate((i) => {
  const tr = document.querySelector(`#risk tbody tr[data-id="${i}"]`);
  return tr ? [...tr.cells].slice(1).map((c) => c.textContent).join(' | ') : null;
}, id);
const mapVersion = (page) => page.evaluate(() => Number(document.getElementById('map').dataset.version));

try {
  const a = await open();
  const b = await open();

  // A school leader at high risk with no tie to the district team, and the first team member.
  const risk = (await json(`${origin}/api/risk`)).body;
  const leader = risk.find((r) => r.role === 'school_leader' && r.level === 'high' && r.reasons.includes('no tie to any district team member'));
  const people = (await json(`${origin}/api/people`)).body;
  const member = people.find((p) => p.role === 'district_team').id;
  check(leader !== undefined, 'the example has a high-risk school leader with no district tie');
  const tiesBefore = (await json(`${origin}/api/ties`)).body.length;
  const rowBefore = await riskRow(a.page, leader.id);
  check(rowBefore !== null && rowBefore.includes('high'), 'the outreach list shows the leader at high risk', rowBefore);
  const versionBefore = await mapVersion(a.page);
  const linksBefore = await a.page.evaluate(() => document.querySelectorAll('#map line').length);

  // 1. Click the cell and type P: a shared-project tie.
  await a.page.locator(`#grid td[data-member="${member}"][data-leader="${leader.id}"]`).click();
  const posted = a.page.waitForResponse((r) => r.url().endsWith('/api/ties') && r.request().method() === 'POST');
  await a.page.keyboard.press('p');
  const response = await posted;
  check(response.status() === 201, 'the grid posted the tie and the server answered 201', String(response.status()));
  const acknowledged = Date.now();
  // 2. The second browser sees it. The delay (target 1 s) is printed, not asserted: the build
  // machines are shared, and a timed assertion fails on load, not on a defect.
  let seen = true;
  try {
    await b.page.waitForFunction(([m, l]) => {
      const td = document.querySelector(`#grid td[data-member="${m}"][data-leader="${l}"]`);
      return td && td.textContent === 'P';
    }, [member, leader.id], { timeout: 10000, polling: 20 });
  } catch { seen = false; }
  check(seen, 'the second browser shows the tie');
  console.log(`the second browser showed the tie ${Date.now() - acknowledged} ms after the server's answer (target 1 s)`);
  const shown = await cellText(a.page, member, leader.id);
  check(shown === 'P', 'the cell shows P in the first browser', JSON.stringify(shown));
  // 3. The map and the outreach list follow.
  await a.page.waitForFunction((v) => Number(document.getElementById('map').dataset.version) > v, versionBefore, { timeout: 5000 });
  const linksAfter = await a.page.evaluate(() => document.querySelectorAll('#map line').length);
  check(linksAfter === linksBefore + 1, 'the map gained one line', `${linksBefore} -> ${linksAfter}`);
  const moved = await a.page.evaluate(() => document.getElementById('map').dataset.changed.split(' '));
  check(moved.includes(leader.id) && moved.includes(member) && moved.length === 2,
    'only the two people whose ties changed were let move on the map', moved.join(' '));
  const newLine = await a.page.evaluate(() => document.querySelectorAll('#map line.new').length);
  check(newLine === 1, 'the new tie is highlighted on the map');
  const rowAfter = await riskRow(a.page, leader.id);
  check(rowAfter !== rowBefore, 'the outreach list changed for the leader', `${rowBefore}\n    -> ${rowAfter}`);
  check(rowAfter === null || !rowAfter.includes('no tie to any district team member'), 'the leader no longer lacks a district tie');
  await b.page.waitForFunction((v) => Number(document.getElementById('map').dataset.version) > v, versionBefore, { timeout: 5000 });
  check(await riskRow(b.page, leader.id) === rowAfter, 'the second browser shows the same outreach list');

  await a.page.screenshot({ path: path.join(outDir, 'serve.png') });
  if (option('screenshot')) fs.copyFileSync(path.join(outDir, 'serve.png'), path.resolve(option('screenshot')));

  // 4. Undo in the first browser takes the tie back, in both browsers.
  const versionUndo = await mapVersion(a.page);
  await a.page.locator('#undo').click();
  await b.page.waitForFunction(([m, l]) => {
    const td = document.querySelector(`#grid td[data-member="${m}"][data-leader="${l}"]`);
    return td && td.textContent === '';
  }, [member, leader.id], { timeout: 5000 });
  check(await cellText(a.page, member, leader.id) === '', 'undo emptied the cell');
  await a.page.waitForFunction((v) => Number(document.getElementById('map').dataset.version) > v, versionUndo, { timeout: 5000 });
  check(await riskRow(a.page, leader.id) === rowBefore, 'the outreach list is back as before');
  check((await json(`${origin}/api/ties`)).body.length === tiesBefore, 'the tie is removed again');
  const history = await a.page.locator('#history li').first().innerText();
  check(history.includes('undid adding') && history.includes('(this page)'), 'the history shows the undo', history);

  // 5. A name that tries to inject markup shows as text.
  const added = await json(`${origin}/api/people`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: 'X1', name: '<img src=x onerror="window.__injected=1">', role: 'school_leader', school: people.find((p) => p.id === leader.id).school }) });
  check(added.status === 201, 'a person was added through the API');
  await a.page.waitForFunction(() => [...document.querySelectorAll('#grid thead th')].some((th) => th.textContent.startsWith('<img')),
    null, { timeout: 5000 });
  check(await a.page.evaluate(() => document.querySelectorAll('img').length === 0 && window.__injected === undefined),
    'the markup in the name is shown as text, not run');

  // 6. A page of another origin cannot write.
  const evil = await browser.newContext();
  await evil.route('http://evil.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>evil</title>' }));
  const evilPage = await evil.newPage();
  await evilPage.goto('http://evil.example/');
  const outcome = await evilPage.evaluate(async ([target, m, l]) => {
    const body = JSON.stringify({ source: m, target: l, type: 'social' });
    const results = [];
    try {  // a simple request: sent, with Origin http://evil.example
      const r = await fetch(`${target}api/ties`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body });
      results.push(`no-cors: ${r.type}`);
    } catch (e) { results.push(`no-cors: ${e.message}`); }
    try {  // JSON needs a preflight, which the server does not grant
      const r = await fetch(`${target}api/ties`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      results.push(`cors: ${r.status}`);
    } catch (e) { results.push(`cors: ${e.message}`); }
    return results;
  }, [url, member, leader.id]);
  check((await json(`${origin}/api/ties`)).body.length === tiesBefore, 'the cross-origin writes changed nothing', outcome.join('; '));
  const direct = await json(`${origin}/api/ties`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
    body: JSON.stringify({ source: member, target: leader.id, type: 'social' }) });
  check(direct.status === 403 && direct.body.field === 'Origin', 'a write with another Origin gets 403 naming the Origin', JSON.stringify(direct.body));
  await evil.close();

  for (const [label, p] of [['first browser', a], ['second browser', b]]) clean(p.seen, label, 'no request left the server');
} catch (e) {
  check(false, 'the test ran to its end', e.stack);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  removeScratch();
}
finish();
