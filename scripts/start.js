#!/usr/bin/env node
// `npm start`: installs if needed, builds, starts (or uses) PostgreSQL and Redis, migrates, and runs
// the API and the worker until Ctrl-C. `--demo` (npm run start:demo) loads demo data first.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const started = Date.now();
const log = (message) => console.log(`[start] ${message}`);

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with code ${result.status}`);
}

async function waitForReady(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000} s`);
}

async function main() {
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    log('installing dependencies (npm ci)…');
    try {
      run('npm', ['ci', '--no-audit', '--no-fund']);
    } catch {
      // See .ci/run: without other platforms' binaries on the registry, npm ci can refuse the lock file.
      run('npm', ['install', '--no-audit', '--no-fund']);
    }
  }
  const services = require('./services');
  require('./build').build();

  const stops = [];
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };
  if (!env.DATABASE_URL) {
    const postgres = await services.startEmbeddedPostgres({ log });
    stops.push(postgres.stop);
    env.DATABASE_URL = postgres.url;
  }
  if (!env.REDIS_URL) {
    const redis = await services.startLocalRedis({ log });
    stops.push(redis.stop);
    env.REDIS_URL = redis.url;
  }
  if (env.NODE_ENV !== 'production') {
    const secrets = services.devSecrets();
    env.JWT_SECRET = env.JWT_SECRET || secrets.JWT_SECRET;
    env.VAULT_MASTER_KEY = env.VAULT_MASTER_KEY || secrets.VAULT_MASTER_KEY;
  }
  env.PORT = env.PORT || '4000';
  env.HOST = env.HOST || '127.0.0.1';

  const stopServices = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    run(process.execPath, ['dist/libs/schema/migrate.js'], env);
    if (process.argv.includes('--demo')) run(process.execPath, ['dist/scripts/seed-demo.js'], env);
  } catch (error) {
    await stopServices();
    throw error;
  }

  const children = [
    spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: root, env, stdio: 'inherit' }),
    spawn(process.execPath, ['dist/apps/worker/src/main.js'], { cwd: root, env, stdio: 'inherit' }),
  ];
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    await stopServices();
    process.exit(code);
  };
  for (const child of children) {
    child.once('exit', (code) => {
      if (!stopping) {
        log(`a process exited with code ${code}; stopping`);
        void shutdown(code || 1);
      }
    });
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  await waitForReady(`http://${env.HOST}:${env.PORT}/health/ready`, children[0]);
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s — GraphQL at http://${env.HOST}:${env.PORT}/graphql (Ctrl-C stops)`,
  );
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
