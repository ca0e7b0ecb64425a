// Opens report.html from a file in Debian's headless Chromium, driven by playwright-core (which
// downloads no browser), and checks it as a district team would meet it: no console errors, no
// network requests, working pan/zoom, sorting and charts, and names that try to inject markup
// shown as text. Saves screenshots. Exit 0: passed, 1: failed, 77: skipped (no Chromium or no
// playwright-core, outside CI; see harness.mjs).
//
//   node report_test.mjs --staffnet build/staffnet --out build/browser
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze as analyzeInto, check, clean, exampleConfig as example, finish, here, launch, offlinePage, option, removeScratch, still } from './harness.mjs';

const outDir = path.resolve(option('out', 'build/browser'));
const analyze = (config, name) => analyzeInto(config, name).report;

// Loads a report in a fresh page that may not reach the network; waits for its charts.
async function open(browser, file) {
  const opened = await offlinePage(browser, { width: 1400, height: 900 });
  await opened.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await opened.page.waitForFunction(() => {
    const charts = document.querySelectorAll('#charts .chart');
    return charts.length > 0 && [...charts].every((c) => c.querySelector('svg') || c.textContent.trim());
  }, null, { timeout: 20000 });
  return opened;
}

fs.mkdirSync(outDir, { recursive: true });
const started = Date.now();
const browser = await launch('browser test');
try {
  // 1. The tricky district: names try to break out of HTML, SVG and DOT.
  const tricky = await open(browser, analyze(path.join(here, 'fixtures/config.yaml'), 'tricky'));
  const { page } = tricky;
  clean(tricky.seen, 'tricky names');
  check(await page.evaluate(() => window.__alerted) === undefined, 'no alert, confirm or prompt ran');
  const riskText = await page.locator('#risk-table').innerText();
  check(riskText.includes('<script>alert(1)</script>'), 'the <script> name shows as text in the risk table');
  check(riskText.includes('"><img src=x onerror=alert(2)>'), 'the <img onerror> name shows as text in the risk table');
  const elements = await page.evaluate(() => ({
    scripts: document.scripts.length,
    images: document.querySelectorAll('img').length,
    italics: [...document.querySelectorAll('i')].filter((e) => e.textContent === 'co' || e.textContent === 'not italic').length,
    title: document.title,
  }));
  // The report's own six script elements, and the district map's three (its data block and scripts).
  check(elements.scripts === 9, 'only the report\'s own 9 script elements exist', `found ${elements.scripts}`);
  check(elements.images === 0, 'no <img> element was injected', `found ${elements.images}`);
  check(elements.italics === 0, 'no <i> element was injected');
  const labels = await page.evaluate(() =>
    [...document.querySelectorAll('#diagrams svg text')].map((t) => t.textContent));
  const names = ['Amelia "Mia" Ruiz & <i>co</i>', 'Back\\slash \\N \\G \\', 'Line one Line two',
                 '&lt;i&gt;not italic&lt;/i&gt; &amp;', '<script>alert(1)</script>', '"><img src=x onerror=alert(2)>',
                 'Νίκος Παπαδόπουλος', 'Ада Лавлейс -- <!-- comment -->', '李华 (Li Hua)', '}; node [label=evil]; {',
                 'Ольга Петрова', '王小明'];
  for (const name of names) check(labels.includes(name), `diagram label shows ${JSON.stringify(name)} literally`);
  const suppressed = await page.locator('#pattern-table td.suppressed').count();
  check(suppressed > 0, 'groups below the minimum size are suppressed in the pattern table');
  const schoolOptions = await page.locator('#school-diagram-select option').allInnerTexts();
  check(schoolOptions.includes('Ärzte & "Söhne" <Academy>'), 'a school name with & " < > shows as text');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(outDir, 'report_tricky.png'), fullPage: true });
  await page.selectOption('#school-diagram-select', { label: 'Ärzte & "Söhne" <Academy>' });
  await page.locator('#diagram-school-0').screenshot({ path: path.join(outDir, 'school_tricky.png'), style: still });
  await tricky.context.close();

  // 2. The example district: what a team would see.
  const exampleReport = analyze(example, 'example');
  const ex = await open(browser, exampleReport);
  clean(ex.seen, 'example district');
  const p = ex.page;
  check(await p.locator('#charts .chart svg').count() >= 1, 'the scatter plots are drawn');
  const viewport = () => p.evaluate(() =>
    document.querySelector('#diagram-sociogram .svg-pan-zoom_viewport')?.getAttribute('transform') ?? '');
  const before = await viewport();
  await p.locator('#diagram-sociogram #svg-pan-zoom-zoom-in').click();
  await p.waitForTimeout(300);
  check(before !== '' && (await viewport()) !== before, 'the zoom-in button zooms the sociogram');
  await p.locator('#diagram-sociogram #svg-pan-zoom-reset-pan-zoom').click();
  const firstRows = () => p.locator('#school-table tbody tr td:first-child').allInnerTexts();
  const unsorted = await firstRows();
  // Each school's risk level as shown is its level in schools_at_risk.csv, looked up by school id.
  // Rows are rank,id,name,score,level,...: the name may be quoted, with commas inside.
  const csvLevel = {};
  for (const line of fs.readFileSync(path.join(path.dirname(exampleReport), 'schools_at_risk.csv'), 'utf8').split('\n').slice(1)) {
    const m = /^\d+,([^,]+),(?:"(?:[^"]|"")*"|[^,"]*),[^,]*,([^,]*),/.exec(line);
    if (m) csvLevel[m[1]] = m[2];
  }
  const shown = await p.locator('#school-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.getAttribute('data-id'), r.querySelector('td.level')?.textContent ?? '']));
  const mismatched = shown.filter(([id, level]) => csvLevel[id] !== level);
  check(shown.length === 40 && Object.keys(csvLevel).length === 40 && mismatched.length === 0,
    'every school\'s risk level in the Schools table is its level in schools_at_risk.csv',
    `${shown.length} rows, ${Object.keys(csvLevel).length} in the CSV; mismatched: ${JSON.stringify(mismatched.slice(0, 5))}`);
  // The table fits a page: the extra measures are hidden until asked for.
  const visibleColumns = () => p.locator('#school-table thead th').evaluateAll((ths) => ths.filter((th) => th.offsetParent !== null).length);
  const compact = await visibleColumns();
  await p.locator('#school-table-all').check();
  const every = await visibleColumns();
  check(compact <= 9 && every > compact, 'the Schools table shows a few columns, and every measure after the toggle', `${compact} then ${every}`);
  await p.locator('#school-table-all').uncheck();
  await p.locator('#school-table thead th', { hasText: 'ties to the district team' }).first().click();
  const sorted = await firstRows();
  check(sorted.join() !== unsorted.join(), 'clicking a school table heading sorts the rows');
  await p.locator('#school-table thead th').first().click();
  await p.locator('#diagram-sociogram').screenshot({ path: path.join(outDir, 'sociogram.png'), style: still });
  for (let i = 0; i < 3; i++) await p.locator('#diagram-sociogram #svg-pan-zoom-zoom-in').click();
  await p.waitForTimeout(300);
  await p.locator('#diagram-sociogram').screenshot({ path: path.join(outDir, 'sociogram_zoomed.png'), style: still });
  await p.locator('#diagram-sociogram #svg-pan-zoom-reset-pan-zoom').click();
  // A busy machine can rasterise a large SVG late: scroll to it and let it paint first.
  await p.locator('#diagram-bridge').scrollIntoViewIfNeeded();
  await p.waitForTimeout(1000);
  await p.locator('#diagram-bridge').screenshot({ path: path.join(outDir, 'bridge_map.png'), style: still });
  await p.locator('#correlations').screenshot({ path: path.join(outDir, 'correlations.png'), style: still });
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: path.join(outDir, 'report_top.png') });
  await p.screenshot({ path: path.join(outDir, 'report.png'), fullPage: true });
  clean(ex.seen, 'example district after interaction');
  await ex.context.close();
} finally {
  await browser.close();
  removeScratch();
}
console.log(`screenshots in ${outDir}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish();
