// The page of `staffnet serve`: the worksheet grid, the live map, the outreach list and the
// history, kept current through the server's event stream. Every name is put in the page as text
// (textContent, SVG <title>), never as markup.
'use strict';

const state = {
  config: null, people: [], schools: [], ties: [], risk: [], history: [],
  byId: new Map(), selected: null, session: null, lastEdit: 0, analysis: -1,
  events: null,
};
window.staffnetState = state;  // read by the browser test

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body) {
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

function setStatus(text, offline = false) {
  $('status').textContent = text;
  $('status').classList.toggle('offline', offline);
}

// ---------------------------------------------------------------- start

async function start() {
  try {
    state.config = await api('GET', '/api/config');
  } catch (e) {
    if (e.status === 401) return askCode();
    return setStatus(`cannot reach the server: ${e.message}`, true);
  }
  if (!state.config.session) {
    try {
      const s = await api('POST', '/api/session', {});
      state.session = s.session;
    } catch (e) {
      if (e.status === 401 || e.status === 400 || e.status === 403) return askCode();
      throw e;
    }
  } else {
    state.session = state.config.session;
  }
  $('code-form').hidden = true;
  $('app').hidden = false;
  $('codes').textContent = state.config.tie_types.map((t) => `${t.code} = ${t.name.replace(/_/g, ' ')}`).join(', ');
  $('meeting').textContent = `meeting ${state.config.meeting}`;
  fillAddForms();
  await Promise.all([loadPeople(), loadTies(), loadHistory()]);
  drawGrid();
  await loadAnalysis();
  listen();
}

function askCode() {
  $('app').hidden = true;
  $('code-form').hidden = false;
  setStatus('access code needed');
  $('code-input').focus();
}

$('code').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('POST', '/api/session', { code: $('code-input').value.trim().toUpperCase() });
    $('code-error').textContent = '';
    start();
  } catch (e) {
    $('code-error').textContent = e.message;
  }
});

// ---------------------------------------------------------------- data

async function loadPeople() {
  [state.people, state.schools] = await Promise.all([api('GET', '/api/people'), api('GET', '/api/schools')]);
  state.byId = new Map(state.people.map((p) => [p.id, p]));
}

async function loadTies() {
  state.ties = await api('GET', '/api/ties');
}

async function loadHistory() {
  state.history = await api('GET', '/api/history?limit=40');
  drawHistory();
}

async function loadAnalysis() {
  const [risk, map] = await Promise.all([api('GET', '/api/risk'), api('GET', '/api/map')]);
  state.risk = risk;
  drawRisk();
  drawMap(map);
  state.analysis = map.version;
  document.body.dataset.analysis = String(map.version);
}

// Coalesces bursts of events into one reload of each part.
const pending = { ties: false, people: false, analysis: false, timer: null };
function schedule(part) {
  pending[part] = true;
  if (pending.timer) return;
  pending.timer = setTimeout(async () => {
    const { ties, people, analysis } = pending;
    pending.ties = pending.people = pending.analysis = false;
    pending.timer = null;
    try {
      if (people) await loadPeople();
      if (ties || people) { await loadTies(); drawGrid(); }
      if (ties || people) await loadHistory();
      if (analysis) await loadAnalysis();
    } catch (e) {
      setStatus(`reload failed: ${e.message}`, true);
    }
  }, 30);
}

function listen() {
  const source = new EventSource('/api/events');
  state.events = source;
  source.addEventListener('open', () => {
    setStatus('live');
    schedule('people');
    schedule('analysis');
  });
  source.addEventListener('error', () => setStatus('reconnecting…', true));
  source.addEventListener('edit', (event) => {
    const data = JSON.parse(event.data);
    state.lastEdit = Math.max(state.lastEdit, data.edit.id);
    document.body.dataset.edit = String(state.lastEdit);
    if (data.edit.action === 'start_meeting') $('meeting').textContent = `meeting ${data.edit.detail.label}`;
    if (data.tie) applyTie(data.tie);
    schedule(data.edit.action === 'add_person' || data.edit.action === 'add_school' ? 'people' : 'ties');
  });
  source.addEventListener('analysis', () => schedule('analysis'));
}

// ---------------------------------------------------------------- the grid

function typeByCode(code) {
  return state.config.tie_types.find((t) => t.code && t.code.toUpperCase() === code.toUpperCase());
}

function cellTies(member, leader) {
  return state.ties.filter((t) => (t.source === member && t.target === leader) || (t.source === leader && t.target === member));
}

function cellText(member, leader) {
  const types = new Set(cellTies(member, leader).map((t) => t.type));
  return state.config.tie_types.filter((t) => types.has(t.name)).map((t) => t.code || t.name[0]).join('');
}

function drawGrid() {
  const members = state.people.filter((p) => p.role === 'district_team');
  const leaders = state.people.filter((p) => p.role === 'school_leader');
  const schoolName = new Map(state.schools.map((s) => [s.id, s.name]));
  const table = $('grid');
  table.replaceChildren();
  const head = el('tr');
  head.append(el('th', {}, ''));
  for (const l of leaders) {
    const th = el('th', { title: `${l.name || l.id} (${schoolName.get(l.school) || l.school})` }, l.name || l.id);
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = table.appendChild(el('tbody'));
  for (const m of members) {
    const row = el('tr');
    row.append(el('th', { title: m.id }, m.name || m.id));
    for (const l of leaders) {
      const text = cellText(m.id, l.id);
      const td = el('td', { 'data-member': m.id, 'data-leader': l.id, tabindex: '-1', title: `${m.name || m.id} – ${l.name || l.id}` }, text);
      if (text) td.classList.add('filled');
      if (state.selected && state.selected.member === m.id && state.selected.leader === l.id) td.classList.add('selected');
      row.append(td);
    }
    body.append(row);
  }
  if (state.selected) showSelected();
}

function cellElement(member, leader) {
  return $('grid').querySelector(`td[data-member="${CSS.escape(member)}"][data-leader="${CSS.escape(leader)}"]`);
}

// Shows a tie from the event stream at once; the full reload follows.
function applyTie(tie) {
  state.ties = state.ties.filter((t) => t.id !== tie.id);
  if (!tie.removed) state.ties.push({ id: tie.id, source: tie.source, target: tie.target, type: tie.type, weight: tie.weight });
  for (const [m, l] of [[tie.source, tie.target], [tie.target, tie.source]]) {
    const td = cellElement(m, l);
    if (!td) continue;
    td.textContent = cellText(m, l);
    td.classList.toggle('filled', td.textContent !== '');
  }
  flashCell(tie);
}

function flashCell(tie) {
  for (const [m, l] of [[tie.source, tie.target], [tie.target, tie.source]]) {
    const td = cellElement(m, l);
    if (td) { td.classList.remove('changed'); void td.offsetWidth; td.classList.add('changed'); }
  }
}

function select(member, leader) {
  for (const td of $('grid').querySelectorAll('td.selected')) td.classList.remove('selected');
  state.selected = { member, leader };
  const td = cellElement(member, leader);
  if (td) { td.classList.add('selected'); td.focus({ preventScroll: true }); }
  showSelected();
}

function showSelected() {
  const { member, leader } = state.selected;
  const m = state.byId.get(member), l = state.byId.get(leader);
  $('cell-label').textContent = `${m ? m.name || m.id : member} – ${l ? l.name || l.id : leader}`;
  $('cell-input').disabled = false;
  $('cell-apply').disabled = false;
  if (document.activeElement !== $('cell-input')) $('cell-input').value = cellText(member, leader);
}

$('grid').addEventListener('click', (event) => {
  const td = event.target.closest('td[data-member]');
  if (!td) return;
  select(td.dataset.member, td.dataset.leader);
  $('cell-message').textContent = '';
});

$('grid').addEventListener('keydown', (event) => {
  if (!state.selected || event.ctrlKey || event.metaKey || event.altKey) return;
  const { member, leader } = state.selected;
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (moves[event.key]) {
    event.preventDefault();
    const members = state.people.filter((p) => p.role === 'district_team').map((p) => p.id);
    const leaders = state.people.filter((p) => p.role === 'school_leader').map((p) => p.id);
    const [dr, dc] = moves[event.key];
    const r = Math.min(members.length - 1, Math.max(0, members.indexOf(member) + dr));
    const c = Math.min(leaders.length - 1, Math.max(0, leaders.indexOf(leader) + dc));
    return select(members[r], leaders[c]);
  }
  if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    return setCell(member, leader, '');
  }
  if (event.key === 'Enter') {
    event.preventDefault();
    return $('cell-input').focus();
  }
  const type = event.key.length === 1 && typeByCode(event.key);
  if (type) {
    event.preventDefault();
    const current = cellText(member, leader);
    const code = type.code.toUpperCase();
    const next = current.toUpperCase().includes(code) ? current.toUpperCase().replace(code, '') : current + code;
    setCell(member, leader, next);
  }
});

$('cell-input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') { event.preventDefault(); applyInput(); }
});
$('cell-apply').addEventListener('click', applyInput);

function applyInput() {
  if (!state.selected) return;
  setCell(state.selected.member, state.selected.leader, $('cell-input').value);
}

// Sets the cell's tie types to those of `codes`: adds the missing ties and removes the others.
// When someone else changed the cell meanwhile, the server answers 409 and the page says so.
async function setCell(member, leader, codes) {
  const wanted = new Set();
  for (const ch of codes.replace(/[\s,]/g, '')) {
    const type = typeByCode(ch);
    if (!type) {
      $('cell-message').textContent = `'${ch}' is not a tie type code (${state.config.tie_types.map((t) => t.code).join(', ')})`;
      return;
    }
    wanted.add(type.name);
  }
  $('cell-message').textContent = '';
  const existing = cellTies(member, leader);
  const messages = [];
  for (const tie of existing) {
    if (wanted.has(tie.type)) continue;
    try {
      await api('DELETE', `/api/ties/${tie.id}`);
    } catch (e) {
      messages.push(e.status === 409 ? `changed by someone else: ${e.message}` : e.message);
    }
  }
  const have = new Set(existing.map((t) => t.type));
  for (const type of wanted) {
    if (have.has(type)) continue;
    try {
      const tie = await api('POST', '/api/ties', { source: member, target: leader, type, weight: 1 });
      state.ties.push(tie);
    } catch (e) {
      messages.push(e.status === 409 ? `changed by someone else: ${e.message}` : e.message);
    }
  }
  state.ties = state.ties.filter((t) => !(existing.includes(t) && !wanted.has(t.type)));
  $('cell-message').textContent = messages.join('; ');
  await loadTies();
  drawGrid();
  $('cell-input').value = cellText(member, leader);
}

// ---------------------------------------------------------------- add person / school

function fillAddForms() {
  const role = document.querySelector('#add-person select[name=role]');
  role.replaceChildren(...state.config.roles.map((r) => el('option', { value: r }, r.replace(/_/g, ' '))));
  role.value = 'school_leader';
}

function fillSchools() {
  const school = document.querySelector('#add-person select[name=school]');
  const chosen = school.value;
  school.replaceChildren(el('option', { value: '' }, '(no school)'), ...state.schools.map((s) => el('option', { value: s.id }, s.name || s.id)));
  school.value = chosen;
}

$('add-person').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await api('POST', '/api/people', Object.fromEntries(form.entries()));
    $('add-message').textContent = '';
    event.target.reset();
  } catch (e) {
    $('add-message').textContent = e.message;
  }
});

$('add-school').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await api('POST', '/api/schools', Object.fromEntries(form.entries()));
    $('add-message').textContent = '';
    event.target.reset();
  } catch (e) {
    $('add-message').textContent = e.message;
  }
});

// ---------------------------------------------------------------- undo, meetings, history

async function undo(edit) {
  try {
    await api('POST', '/api/undo', edit ? { edit } : {});
    $('cell-message').textContent = '';
  } catch (e) {
    $('cell-message').textContent = e.message;
  }
}

$('undo').addEventListener('click', () => undo());
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === 'z' && document.activeElement.tagName !== 'INPUT') {
    event.preventDefault();
    undo();
  }
});

$('new-meeting').addEventListener('click', async () => {
  const label = window.prompt('Label of the new meeting (its ties start as a copy of this one\'s):');
  if (!label) return;
  try {
    await api('POST', '/api/meetings', { label });
  } catch (e) {
    $('cell-message').textContent = e.message;
  }
});

function describe(edit) {
  const name = (id) => { const p = state.byId.get(id); return p ? p.name || p.id : id; };
  const d = edit.detail || {};
  const tie = d.tie ? `${name(d.tie.source)} – ${name(d.tie.target)} (${d.tie.type.replace(/_/g, ' ')})` : '';
  switch (edit.action) {
    case 'add_tie': return `added ${tie}`;
    case 'remove_tie': return `removed ${tie}`;
    case 'undo': return `undid ${d.undid === 'add_tie' ? 'adding' : 'removing'} ${tie}`;
    case 'add_person': return `added person ${d.person.name || d.person.id}`;
    case 'add_school': return `added school ${d.school.name || d.school.id}`;
    case 'start_meeting': return `started meeting ${d.label}`;
    case 'import': return `imported ${d.people} people, ${d.ties} ties`;
    default: return edit.action;
  }
}

function drawHistory() {
  fillSchools();
  const list = $('history');
  list.replaceChildren();
  for (const edit of state.history) {
    const item = el('li', { 'data-edit': String(edit.id) });
    const time = edit.at.slice(11, 19);
    item.append(document.createTextNode(`${time} ${describe(edit)}${edit.session === state.session ? ' (this page)' : ''}`));
    if (edit.undone) item.classList.add('undone');
    else if (edit.action === 'add_tie' || edit.action === 'remove_tie') {
      const button = el('button', { type: 'button' }, 'undo');
      button.addEventListener('click', () => undo(edit.id));
      item.append(button);
    }
    list.append(item);
  }
}

// ---------------------------------------------------------------- the outreach list

function drawRisk() {
  const body = $('risk').querySelector('tbody');
  body.replaceChildren();
  const shown = state.risk.filter((r) => r.level === 'high' || r.level === 'medium');
  $('risk-count').textContent = `${shown.length} people at high or medium risk`;
  for (const r of shown) {
    const row = el('tr', { 'data-id': r.id });
    row.append(el('td', {}, r.rank === '' ? '' : String(r.rank)), el('td', {}, r.name), el('td', {}, r.role.replace(/_/g, ' ')),
      el('td', {}, r.school), el('td', { class: `level-${r.level}` }, r.level), el('td', {}, r.reasons), el('td', {}, r.suggested_contacts));
    body.append(row);
  }
}

// ---------------------------------------------------------------- the live map

const SVG = 'http://www.w3.org/2000/svg';
const map = { nodes: new Map(), links: [], simulation: null, layer: null, width: 800, height: 560, changed: new Set() };

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function nodeClass(n) {
  if (n.role === 'district_team') return 'team';
  if (n.level === 'no data') return 'nodata';
  return n.level || 'none';
}

// Keeps every known person where they are; a new person starts beside a neighbour, and only
// people whose ties changed are let loose for the layout to settle.
function drawMap(data) {
  if (typeof d3 === 'undefined' || !d3.forceSimulation) return;
  const first = map.nodes.size === 0;
  const before = new Map();
  for (const l of map.links) {
    for (const [a, b] of [[l.source.id, l.target.id], [l.target.id, l.source.id]]) {
      if (!before.has(a)) before.set(a, new Set());
      before.get(a).add(`${b}:${l.types.join('+')}`);
    }
  }
  const after = new Map();
  for (const l of data.links) {
    for (const [a, b] of [[l.source, l.target], [l.target, l.source]]) {
      if (!after.has(a)) after.set(a, new Set());
      after.get(a).add(`${b}:${l.types.join('+')}`);
    }
  }
  const same = (a, b) => (a ? a.size : 0) === (b ? b.size : 0) && [...(a || [])].every((x) => b.has(x));
  const nodes = new Map();
  for (const n of data.nodes) {
    const old = map.nodes.get(n.id);
    const node = old ? Object.assign(old, n) : { ...n };
    nodes.set(n.id, node);
  }
  map.changed = new Set();
  for (const node of nodes.values()) {
    const moved = !first && (!map.nodes.has(node.id) || !same(before.get(node.id), after.get(node.id)));
    if (moved) map.changed.add(node.id);
  }
  const links = data.links.map((l) => ({ source: nodes.get(l.source), target: nodes.get(l.target), types: l.types }));
  for (const id of map.changed) {
    const node = nodes.get(id);
    if (node.x === undefined) {
      const neighbour = links.find((l) => l.source === node || l.target === node);
      const other = neighbour && (neighbour.source === node ? neighbour.target : neighbour.source);
      node.x = (other && other.x !== undefined ? other.x : map.width / 2) + 10;
      node.y = (other && other.y !== undefined ? other.y : map.height / 2) + 10;
    }
  }
  for (const node of nodes.values()) {
    if (first || map.changed.has(node.id)) { node.fx = null; node.fy = null; } else { node.fx = node.x; node.fy = node.y; }
  }
  map.nodes = nodes;
  map.links = links;

  if (map.simulation) map.simulation.stop();
  const simulation = d3.forceSimulation([...nodes.values()])
    .force('link', d3.forceLink(links).distance(30).strength(0.4))
    .force('charge', d3.forceManyBody().strength(-25).distanceMax(200))
    .force('x', d3.forceX(map.width / 2).strength(0.04))
    .force('y', d3.forceY(map.height / 2).strength(0.06))
    .force('collide', d3.forceCollide(5))
    .stop();
  simulation.randomSource(mulberry32(42));
  simulation.tick(first ? 300 : 80);
  map.simulation = simulation;
  renderMap();
  document.getElementById('map').dataset.version = String(data.version);
  document.getElementById('map').dataset.changed = [...map.changed].join(' ');
}

function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function renderMap() {
  const root = $('map');
  root.replaceChildren();
  const closeTypes = new Set(state.config.tie_types.filter((t) => t.close).map((t) => t.name));
  const lines = svg('g');
  for (const l of map.links) {
    const line = svg('line', { x1: l.source.x.toFixed(1), y1: l.source.y.toFixed(1), x2: l.target.x.toFixed(1), y2: l.target.y.toFixed(1) });
    if (l.types.some((t) => closeTypes.has(t))) line.classList.add('close');
    if (map.changed.has(l.source.id) && map.changed.has(l.target.id)) line.classList.add('new');
    lines.append(line);
  }
  const circles = svg('g');
  for (const n of map.nodes.values()) {
    const r = n.role === 'district_team' ? 7 : n.role === 'school_leader' ? 5 : 3.5;
    const c = svg('circle', { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r, 'data-id': n.id, class: nodeClass(n) });
    const title = svg('title');
    title.textContent = `${n.name} (${n.role.replace(/_/g, ' ')}${n.school ? `, ${n.school}` : ''})${n.level ? ` – ${n.level} risk` : ''}`;
    c.append(title);
    circles.append(c);
  }
  root.append(lines, circles);
  const xs = [...map.nodes.values()].map((n) => n.x), ys = [...map.nodes.values()].map((n) => n.y);
  if (xs.length) {
    const x0 = Math.min(...xs) - 12, y0 = Math.min(...ys) - 12;
    root.setAttribute('viewBox', `${x0.toFixed(0)} ${y0.toFixed(0)} ${(Math.max(...xs) + 12 - x0).toFixed(0)} ${(Math.max(...ys) + 12 - y0).toFixed(0)}`);
  }
}

start();
