#!/usr/bin/env node
// Cold start of the one-command start (`node scripts/start.js`) on embedded services: time from
// spawning it to /health/ready answering, on an empty data directory (initdb) and on a warm one.
// Usage: npm run bench:cold-start [-- --runs 3]
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const port = 4400;

function startOnce(dataDir) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, INTENTCAST_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, ['scripts/start.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`no ready line within 90 s:\n${output}`));
    }, 90_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/ready in/.test(output)) {
        const seconds = Number(process.hrtime.bigint() - began) / 1e9;
        clearTimeout(timer);
        child.once('exit', () => resolve(seconds));
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  require(path.join(root, 'scripts', 'build.js')).build();
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i += 1) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intentcast-cold-'));
    // mkdtemp makes it 0700; as root, embedded PostgreSQL runs as a `postgres` user who must reach it.
    fs.chmodSync(dataDir, 0o755);
    try {
      cold.push(await startOnce(dataDir));
      warm.push(await startOnce(dataDir));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const format = (values) => values.map((v) => v.toFixed(2)).join(', ');
  console.log('| start | median (s) | runs (s) |');
  console.log('| --- | --- | --- |');
  console.log(`| empty data dir (initdb + migrations) | ${median(cold).toFixed(2)} | ${format(cold)} |`);
  console.log(`| warm data dir | ${median(warm).toFixed(2)} | ${format(warm)} |`);
  console.log(`| ratio cold / warm | ${(median(cold) / median(warm)).toFixed(2)}x | |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
