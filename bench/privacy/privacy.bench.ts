/**
 * Privacy bench: `npm run bench:privacy`. On a scratch database and Redis prefix (PostgreSQL and
 * Redis from DATABASE_URL / REDIS_URL, else 127.0.0.1:5432 / 6379), with the real API and worker
 * in-process, for individuals holding 1,000 intents and 10,000 data-use log rows each:
 *   - export: GET /privacy/export, end to end (auth, one REPEATABLE READ snapshot, decrypt, JSON);
 *   - erasure: eraseMe until the receipt says COMPLETED (worker job: scrub, Redis clean-up);
 *   - the logged vendor read (grants, terms, decrypt, log row, one transaction) against an
 *     unlogged read of the same vault rows (select + unwrap + decrypt).
 * Same-run figures; absolute numbers are noisy. BENCH_INDIVIDUALS (3) and BENCH_READS (2000) tune it.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AccountKind, type Viewer } from '@app/accounts';
import { loadConfig } from '@app/config';
import { runMigrations } from '@app/schema/migrate';
import { DisclosureGrantsService } from '@app/disclosure/disclosure-grants.service';
import { DisclosureReader } from '@app/disclosure/disclosure-reader.service';
import { VaultService } from '@app/vault/vault.service';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';

const INTENTS = 1000;
const LOG_ROWS = 10_000;
const AWARDED = 100;
const VENDORS = 20;
const INDIVIDUALS = Number(process.env.BENCH_INDIVIDUALS ?? 3);
const READS = Number(process.env.BENCH_READS ?? 2000);
const EXPORT_RUNS = 3;
const PASSWORD = 'bench password 1234';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Seeded {
  accountId: string;
  token: string;
  awardedIntents: string[];
  winners: string[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function gql<T = any>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function seedVendors(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ id: string }> = await dataSource.query(
    `WITH a AS (
       INSERT INTO accounts (kind, email, display_name)
       SELECT 'vendor', 'bench-vendor-' || g || '-' || $1 || '@example.test', 'Bench Vendor ' || g FROM generate_series(1, $2) g
       RETURNING id, display_name)
     INSERT INTO vendors (account_id, name, category_codes) SELECT id, display_name, '{moving.removals}' FROM a RETURNING id`,
    [randomBytes(4).toString('hex'), VENDORS],
  );
  return rows.map((row) => row.id);
}

/** One individual with INTENTS intents (AWARDED of them awarded, with offers, engagements, grants) and LOG_ROWS log rows. */
async function seedIndividual(
  baseUrl: string,
  dataSource: DataSource,
  grants: DisclosureGrantsService,
  vendors: string[],
  n: number,
): Promise<Seeded> {
  const signUp = await gql(
    baseUrl,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`,
    {
      input: {
        kind: 'INDIVIDUAL',
        email: `bench-${n}-${randomBytes(4).toString('hex')}@example.test`,
        password: PASSWORD,
        displayName: `Bench ${n}`,
      },
    },
  );
  const { token } = signUp.signUp;
  const accountId: string = signUp.signUp.account.id;
  const vault = {
    legal_name: 'Bench Person',
    email: 'bench.person@example.test',
    phone: '+44 7700 900555',
    postal_address: '1 Bench Street, Leeds LS6 1AA',
    date_of_birth: '1980-01-01',
    'custom.notes': 'Ring twice',
  };
  for (const [key, value] of Object.entries(vault)) {
    await gql(
      baseUrl,
      `mutation($input: SetVaultItemInput!) { setVaultItem(input: $input) { key } }`,
      { input: { key, value } },
      token,
    );
  }
  const intents: Array<{ id: string; awarded: boolean }> = await dataSource.query(
    `INSERT INTO intents (owner_id, title, description, category_code, status, location_text, exact_lat, exact_lng,
                          coarse_lat, coarse_lng, coarse_area, budget_minor, budget_currency, expires_at, opened_at, closed_at)
     SELECT $1, 'Bench need ' || g, 'Free text of bench need number ' || g || ', with some detail about it',
            'moving.removals', CASE WHEN g <= $3 THEN 'awarded' ELSE 'open' END, 'LS6 3AB', 53.8201, -1.5763,
            53.825, -1.575, 'LS6', 150000, 'GBP', now() + interval '60 days', now(), CASE WHEN g <= $3 THEN now() END
       FROM generate_series(1, $2) g
     RETURNING id, status = 'awarded' AS awarded`,
    [accountId, INTENTS, AWARDED],
  );
  await dataSource.query(
    `INSERT INTO intent_components (intent_id, position, title, description, category_code)
     SELECT id, 0, 'Removals', 'Three bedrooms', 'moving.removals' FROM intents WHERE owner_id = $1`,
    [accountId],
  );
  const awardedIntents = intents.filter((intent) => intent.awarded).map((intent) => intent.id);
  const winners = awardedIntents.map((_, i) => vendors[i % vendors.length]);
  const losers = awardedIntents.map((_, i) => vendors[(i + 1) % vendors.length]);
  await dataSource.query(
    `INSERT INTO intent_matches (intent_id, vendor_id, score, reasons)
     SELECT i, v, 0.9, '{"categoryCode": "moving.removals"}'::jsonb
       FROM unnest($1::uuid[], $2::uuid[]) AS w(i, v)
     UNION ALL SELECT i, v, 0.8, '{}'::jsonb FROM unnest($1::uuid[], $3::uuid[]) AS l(i, v)`,
    [awardedIntents, winners, losers],
  );
  await dataSource.query(
    `WITH o AS (
       INSERT INTO offers (intent_id, vendor_id, status)
       SELECT i, v, 'accepted' FROM unnest($1::uuid[], $2::uuid[]) AS w(i, v)
       UNION ALL SELECT i, v, 'lost' FROM unnest($1::uuid[], $3::uuid[]) AS l(i, v)
       RETURNING id, intent_id, vendor_id, status),
     v AS (
       INSERT INTO offer_versions (offer_id, version, total_minor, currency, lines, valid_until)
       SELECT o.id, 1, 90000, 'GBP',
              jsonb_build_array(jsonb_build_object('componentId', c.id, 'amountMinor', '90000', 'description', 'Removals')),
              now() + interval '10 days'
         FROM o JOIN intent_components c ON c.intent_id = o.intent_id
       RETURNING id, offer_id)
     INSERT INTO engagements (intent_id, offer_id, offer_version_id, vendor_id, individual_id, component_ids, total_minor, currency)
     SELECT o.intent_id, o.id, v.id, o.vendor_id, $4, ARRAY(SELECT id FROM intent_components c WHERE c.intent_id = o.intent_id),
            90000, 'GBP'
       FROM o JOIN v ON v.offer_id = o.id WHERE o.status = 'accepted'`,
    [awardedIntents, winners, losers, accountId],
  );
  await dataSource.query(
    `INSERT INTO disclosure_policies (intent_id, individual_id, offer_keys, award_keys)
     SELECT i, $2, '{email}', '{phone,postal_address}' FROM unnest($1::uuid[]) AS i`,
    [awardedIntents, accountId],
  );
  await dataSource.query(
    `INSERT INTO privacy_terms_acceptances (intent_id, vendor_id, version, terms)
     SELECT i, v, 1, '{"noMarketing": true, "noResale": true, "retentionDays": 90}' FROM unnest($1::uuid[], $2::uuid[]) AS w(i, v)`,
    [awardedIntents, winners],
  );
  // Grants and consent receipts the way the award makes them.
  await dataSource.transaction((manager) =>
    grants.syncPairs(
      manager,
      awardedIntents.map((intentId, i) => ({ intentId, vendorId: winners[i] })),
    ),
  );
  await dataSource.query(
    `INSERT INTO data_use_log (individual_id, vendor_id, intent_id, item_keys, purpose, outcome, access_path, created_at)
     SELECT $1, ($3::uuid[])[1 + g % $4], ($2::uuid[])[1 + g % $4], '{email,phone,postal_address}',
            'Deliver the engagement awarded on the intent', 'read', 'Intent.disclosedItems', now() - g * interval '1 second'
       FROM generate_series(1, $5) g`,
    [accountId, awardedIntents, winners, AWARDED, LOG_ROWS],
  );
  return { accountId, token, awardedIntents, winners };
}

async function main(): Promise<void> {
  const database = `ic_bench_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const prefix = `icbench-${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  let api: NestFastifyApplication | null = null;
  let worker: INestApplicationContext | null = null;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    await runMigrations(url.toString());
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      PORT: '0',
    });
    api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    worker = await createWorkerApp(config);
    await worker.init();
    const dataSource = api.get(DataSource);
    const grants = api.get(DisclosureGrantsService);
    const vendors = await seedVendors(dataSource);
    const seedStarted = performance.now();
    const people: Seeded[] = [];
    for (let n = 0; n < INDIVIDUALS; n += 1) people.push(await seedIndividual(baseUrl, dataSource, grants, vendors, n));
    console.log(
      `seeded ${INDIVIDUALS} individuals × ${INTENTS} intents, ${LOG_ROWS} log rows in ${ms(performance.now() - seedStarted)}`,
    );

    // 1. Export, end to end over HTTP.
    const exportMs: number[] = [];
    let exportBytes = 0;
    for (const person of people) {
      for (let run = 0; run < EXPORT_RUNS; run += 1) {
        const started = performance.now();
        const response = await fetch(`${baseUrl}/privacy/export`, {
          headers: { authorization: `Bearer ${person.token}` },
        });
        const text = await response.text();
        exportMs.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`export answered ${response.status}: ${text.slice(0, 200)}`);
        exportBytes = text.length;
        const document = JSON.parse(text) as { intents: unknown[]; dataUseLog: unknown[] };
        if (document.intents.length !== INTENTS || document.dataUseLog.length < LOG_ROWS)
          throw new Error('export incomplete');
      }
    }

    // 2. Logged read path against an unlogged read of the same rows.
    const reader = api.get(DisclosureReader);
    const vault = api.get(VaultService);
    const person = people[0];
    const [vendorRow] = await dataSource.query(`SELECT account_id FROM vendors WHERE id = $1`, [person.winners[0]]);
    const viewer: Viewer = { accountId: vendorRow.account_id, kind: AccountKind.VENDOR, vendorId: person.winners[0] };
    const intentId = person.awardedIntents[0];
    const keys = ['email', 'phone', 'postal_address'];
    const logged = async () => {
      const [items] = await reader.readForVendor(viewer, [intentId], 'bench');
      if (!Array.isArray(items) || items.length !== 3) throw new Error(`logged read returned ${JSON.stringify(items)}`);
    };
    const unlogged = async () => {
      const items = await vault.read(dataSource.manager, person.accountId, keys);
      if (items.length !== 3) throw new Error('unlogged read returned the wrong rows');
    };
    for (let i = 0; i < 100; i += 1) {
      await logged();
      await unlogged();
    }
    const [{ before }] = await dataSource.query(
      `SELECT count(*)::int AS before FROM data_use_log WHERE access_path = 'bench'`,
    );
    // What the log costs by itself: a transaction that only appends one row (its commit waits for the WAL flush).
    const appendOnly = async () => {
      await dataSource.transaction((manager) =>
        manager.query(
          `INSERT INTO data_use_log (individual_id, vendor_id, intent_id, item_keys, purpose, outcome, access_path)
           VALUES ($1, $2, $3, $4, 'bench', 'read', 'bench-append')`,
          [person.accountId, viewer.vendorId, intentId, keys],
        ),
      );
    };
    const loggedMs: number[] = [];
    const unloggedMs: number[] = [];
    const appendMs: number[] = [];
    for (let block = 0; block < READS / 100; block += 1) {
      for (const [run, samples] of [
        [logged, loggedMs],
        [unlogged, unloggedMs],
        [appendOnly, appendMs],
      ] as const) {
        for (let i = 0; i < 100; i += 1) {
          const started = performance.now();
          await run();
          samples.push(performance.now() - started);
        }
      }
    }
    const [{ after }] = await dataSource.query(
      `SELECT count(*)::int AS after FROM data_use_log WHERE access_path = 'bench'`,
    );
    if (after - before !== loggedMs.length)
      throw new Error(`expected ${loggedMs.length} log rows, got ${after - before}`);

    // 3. Erasure, from the mutation to the COMPLETED receipt.
    const erasureMs: number[] = [];
    const jobMs: number[] = [];
    for (const target of people) {
      const started = performance.now();
      const erased = await gql(
        baseUrl,
        `mutation($password: String!) { eraseMe(input: { password: $password }) { receiptToken receipt { receiptId } } }`,
        { password: PASSWORD },
        target.token,
      );
      const token = erased.eraseMe.receiptToken;
      for (;;) {
        const receipt = await gql(baseUrl, `query($token: String!) { erasureReceipt(token: $token) { status } }`, {
          token,
        });
        if (receipt.erasureReceipt.status === 'COMPLETED') break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      erasureMs.push(performance.now() - started);
      const [row] = await dataSource.query(
        `SELECT extract(epoch FROM completed_at - requested_at) * 1000 AS ms FROM erasure_requests WHERE id = $1`,
        [erased.eraseMe.receipt.receiptId],
      );
      jobMs.push(Number(row.ms));
    }

    const loggedMedian = median(loggedMs);
    const unloggedMedian = median(unloggedMs);
    console.log(
      `\n## Privacy bench (${INDIVIDUALS} individuals × ${INTENTS} intents, ${LOG_ROWS} log rows each; ${new Date().toISOString()})\n`,
    );
    console.log('| measure | median | p95 | samples | note |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| export, GET /privacy/export | ${ms(median(exportMs))} | ${ms(percentile(exportMs, 95))} | ${exportMs.length} | ${(exportBytes / 1e6).toFixed(1)} MB of JSON |`,
    );
    console.log(
      `| erasure, eraseMe → receipt COMPLETED | ${ms(median(erasureMs))} | ${ms(percentile(erasureMs, 95))} | ${erasureMs.length} | requested → completed in the database: median ${ms(median(jobMs))} |`,
    );
    console.log(
      `| logged vendor read (3 items) | ${ms(loggedMedian)} | ${ms(percentile(loggedMs, 95))} | ${loggedMs.length} | grants, terms, decrypt, log row, one transaction |`,
    );
    console.log(
      `| unlogged read of the same rows | ${ms(unloggedMedian)} | ${ms(percentile(unloggedMs, 95))} | ${unloggedMs.length} | select + unwrap + decrypt |`,
    );
    console.log(
      `| append one log row alone | ${ms(median(appendMs))} | ${ms(percentile(appendMs, 95))} | ${appendMs.length} | BEGIN, INSERT, COMMIT (durable) |`,
    );
    console.log(
      `\nLogged read overhead: ${(loggedMedian / unloggedMedian).toFixed(2)}× the unlogged read (+${ms(loggedMedian - unloggedMedian)} per read, median).`,
    );
  } finally {
    await worker?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
