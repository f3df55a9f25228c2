#!/usr/bin/env node
// `npm test`: runs Jest against real PostgreSQL and Redis — DATABASE_URL / REDIS_URL if set, else the
// servers on 127.0.0.1:5432 / 6379, else an embedded PostgreSQL and a redis-server started here.
// Extra arguments go to Jest (e.g. `npm test -- test/marketplace-journey.spec.ts`).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { resolveTestServices } = require('./services');

const root = path.resolve(__dirname, '..');
const log = (message) => console.log(`[test] ${message}`);

async function main() {
  const { env, stop } = await resolveTestServices(log);
  log(`PostgreSQL ${new URL(env.DATABASE_URL).host}, Redis ${new URL(env.REDIS_URL).host}`);
  require('./build').build();
  const jest = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)],
    {
      cwd: root,
      env,
      stdio: 'inherit',
    },
  );
  await stop();
  process.exit(jest.status ?? 1);
}

main().catch((error) => {
  console.error(`[test] ${error.message}`);
  process.exit(1);
});
