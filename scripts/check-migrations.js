#!/usr/bin/env node
// CI check: applies every migration to a scratch database and asks TypeORM whether the entities
// still differ from it. A difference means an entity changed without a migration.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const path = require('node:path');
const { resolveTestServices } = require('./services');

const root = path.resolve(__dirname, '..');

async function main() {
  const { env, stop } = await resolveTestServices((message) => console.log(`[migrations] ${message}`));
  require('./build').build();
  const { Client } = require('pg');
  const name = `ic_migration_check_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const childEnv = { ...env, DATABASE_URL: url.toString() };
  let status;
  try {
    const migrate = spawnSync(process.execPath, ['dist/libs/schema/migrate.js'], {
      cwd: root,
      env: childEnv,
      stdio: 'inherit',
    });
    if (migrate.status !== 0) throw new Error('migrations failed');
    const check = spawnSync(
      process.execPath,
      [
        'node_modules/typeorm/cli.js',
        'migration:generate',
        'libs/schema/migrations/Unexpected',
        '--check',
        '-d',
        'dist/libs/schema/data-source.js',
      ],
      { cwd: root, env: childEnv, stdio: 'inherit' },
    );
    status = check.status ?? 1;
    if (status !== 0)
      console.error('Entities differ from the migrations: generate a migration (npm run migration:generate).');
    else console.log('migrations match the entities');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await stop();
  }
  process.exit(status);
}

main().catch((error) => {
  console.error(`[migrations] ${error.message}`);
  process.exit(1);
});
