import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { waitFor } from './test-stack';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A redis-server of the test's own (from PATH), that the test can kill and start again on the same port. */
export interface OwnRedis {
  url: string;
  /** SIGKILL: nothing is kept (no persistence), as in a crash. */
  kill(): Promise<void>;
  /** Starts it (again) on the same port; nothing if it runs. */
  start(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) throw new Error('redis-server is not on PATH');
  const port = await freePort();
  let child: ChildProcess | null = null;
  const redis: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child) return;
      child = spawn(binary, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await waitFor(() => answers(port), 10_000);
    },
    async kill() {
      if (!child) return;
      const dying = exited(child);
      child.kill('SIGKILL');
      await dying;
      child = null;
    },
  };
  await redis.start();
  return redis;
}

/** The worker as its own process (`node dist/apps/worker/src/main.js`, built by `npm test`), killable with SIGKILL. */
export interface WorkerProcess {
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startWorkerProcess(config: AppConfig, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const main = join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      JWT_SECRET: config.JWT_SECRET,
      VAULT_MASTER_KEY: config.VAULT_MASTER_KEY ?? '',
      LOG_LEVEL: 'error',
      JOB_LOCK_MS: String(config.JOB_LOCK_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`worker exited with code ${child.exitCode}: ${output}`);
    return output.includes('Intentcast worker ready');
  }, 30_000);
  return {
    async kill(signal = 'SIGKILL') {
      const dying = exited(child);
      child.kill(signal);
      await dying;
    },
  };
}
