// Issue 17: a meeting's load on `staffnet serve`. 20 clients (laptops) each make 200 edits (new
// ties) against the example district at once; after each edit the client asks for the risk list,
// which the server answers only once the analysis includes that edit. Prints edits per second,
// the p50 and p95 latency from sending an edit to holding the updated risk list, and checks that
// every acknowledged edit is in the database after a restart.
//
//   node benchmarks/serve/load.mjs --staffnet build/staffnet [--clients 20] [--edits 200]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const staffnet = path.resolve(args.staffnet ?? 'build/staffnet');
const clients = Number(args.clients ?? 20);
const editsEach = Number(args.edits ?? 200);
const example = path.resolve(here, '../../examples/district/config.yaml');

function start(db) {
  const child = spawn(staffnet, ['serve', example, '--db', db, '--port', '0', '--no-browser'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^staffnet serve: (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      if (m) resolve({ child, origin: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`staffnet serve exited with ${code}`)));
  });
}
const stop = (child) => new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGTERM'); });
const get = async (url) => (await fetch(url)).json();

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'staffnet-load-'));
const db = path.join(scratch, 'staffnet.db');
let server = await start(db);
const people = await get(`${server.origin}/api/people`);
const config = await get(`${server.origin}/api/config`);
const team = people.filter((p) => p.role === 'district_team').map((p) => p.id);
const others = people.filter((p) => p.role !== 'district_team').map((p) => p.id);
const types = config.tie_types.map((t) => t.name);

const latencies = [];
const acknowledged = new Map();
let conflicts = 0;
async function client(k) {
  // Each client has its own (member, type) pair, so no two clients write the same tie.
  const member = team[k % team.length];
  const type = types[Math.floor(k / team.length) % types.length];
  let made = 0;
  for (let i = 0; made < editsEach && i < others.length; ++i) {
    const sent = performance.now();
    const res = await fetch(`${server.origin}/api/ties`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ source: member, target: others[i], type, weight: 1 }),
    });
    const body = await res.json();
    if (res.status === 409) { conflicts++; continue; }  // the tie is in the example already
    if (res.status !== 201) throw new Error(`edit refused: ${res.status} ${JSON.stringify(body)}`);
    acknowledged.set(body.id, body);
    const risk = await fetch(`${server.origin}/api/risk`);
    await risk.json();
    latencies.push(performance.now() - sent);
    made++;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
const seconds = (performance.now() - started) / 1000;
await stop(server.child);

server = await start(db);
const stored = new Map((await get(`${server.origin}/api/ties`)).map((t) => [t.id, t]));
await stop(server.child);
let lost = 0;
for (const [id, tie] of acknowledged) if (JSON.stringify(stored.get(id)) !== JSON.stringify(tie)) lost++;
fs.rmSync(scratch, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(`clients: ${clients}, edits: ${acknowledged.size} (${conflicts} refused as existing ties, not counted)`);
console.log(`edits per second: ${(acknowledged.size / seconds).toFixed(0)} (${seconds.toFixed(1)} s)`);
console.log(`edit to updated risk list: p50 ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms`);
console.log(`lost edits: ${lost} of ${acknowledged.size}`);
process.exit(lost === 0 && acknowledged.size === clients * editsEach ? 0 : 1);
