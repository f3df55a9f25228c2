import { randomBytes, randomInt } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { VaultKeyDestroyedError, VaultService } from '@app/vault/vault.service';
import { type Actor, LEEDS, SIGN_UP, inDays, vendorWithProfile } from './support/actors';
import {
  acceptTerms,
  award,
  fillVault,
  makeOffer,
  postIntent,
  setPolicy,
  waitUntilMatched,
} from './support/privacy-fixtures';
import { redisUrl } from './support/redis';
import { applicationTables } from './support/snapshot';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const PASSWORD = 'correct horse battery';
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + randomInt(26))).join('');

/** Everything of the individual's that is unique enough to search for after erasure. */
function canaries() {
  const tag = `cnry${randomBytes(5).toString('hex')}`;
  const postcode = `${letters(2)}${randomInt(10)}${letters(1)} ${randomInt(10)}${letters(2)}`;
  return {
    displayName: `${tag}displayname`,
    email: `${tag}email@example.test`,
    legalName: `${tag}legalname`,
    address: `${tag}address, Leeds`,
    note: `${tag}vaultnote`,
    phone: `+44 7${randomInt(100_000_000, 999_999_999)}`,
    title: `${tag}title`,
    description: `${tag}freetext`,
    componentTitle: `${tag}component`,
    postcode,
    apiTokenName: `${tag}tokenname`,
    idempotencyKey: `${tag}idempotency`,
  };
}

/** Every value stored under the prefix, with its key, as text. */
async function redisDump(redis: Redis, prefix: string): Promise<Array<{ key: string; text: string }>> {
  const dump: Array<{ key: string; text: string }> = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let parts: unknown;
      if (type === 'string') parts = await redis.get(key);
      else if (type === 'hash') parts = await redis.hgetall(key);
      else if (type === 'list') parts = await redis.lrange(key, 0, -1);
      else if (type === 'set') parts = await redis.smembers(key);
      else if (type === 'zset') parts = await redis.zrange(key, '0', '-1');
      else if (type === 'stream') parts = await redis.xrange(key, '-', '+');
      dump.push({ key, text: JSON.stringify(parts) });
    }
  } while (cursor !== '0');
  return dump;
}

describe('erasure ("leavability"): nothing stored identifies the individual afterwards', () => {
  let stack: TestStack;
  let redis: Redis;
  const canary = canaries();
  // The winning vendor's webhook endpoint: what it was sent must not identify the individual either.
  let webhookReceiver: Server;
  const webhookBodies: string[] = [];

  beforeAll(async () => {
    webhookReceiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        webhookBodies.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhookReceiver.listen(0, '127.0.0.1', resolve));
    stack = await startTestStack({ worker: true, env: { WEBHOOK_ALLOW_LOOPBACK: 'true' } });
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  });

  afterAll(async () => {
    redis.disconnect();
    await stack.close();
    await new Promise<void>((resolve) => webhookReceiver.close(() => resolve()));
  });

  async function countInDatabase(value: string): Promise<string[]> {
    const hits: string[] = [];
    // Every column of every table, whatever its type (text, json, arrays, tsvector), as the row's text.
    for (const table of await applicationTables(stack.dataSource)) {
      const [{ n }] = await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM "${table}" t WHERE t::text ILIKE '%' || $1 || '%'`,
        [value],
      );
      if (n > 0) hits.push(`${table}: ${n}`);
    }
    return hits;
  }

  it('erases vault, intents, engagements, sessions, jobs and Redis entries; the vault stays unreadable', async () => {
    const signUp = await stack.gql(SIGN_UP, {
      input: { kind: 'INDIVIDUAL', email: canary.email, password: PASSWORD, displayName: canary.displayName },
    });
    const individual: Actor = {
      token: signUp.data!.signUp.token,
      accountId: signUp.data!.signUp.account.id,
      vendorId: null,
      email: canary.email,
    };
    const profile = { categoryCodes: ['moving.removals'], serviceArea: { ...LEEDS, radiusKm: 50 } };
    const winner = await vendorWithProfile(stack, 'Canary Winner Removals', profile);
    const rival = await vendorWithProfile(stack, 'Canary Rival Removals', profile);
    const hook = await stack.gql(
      `mutation($url: String!) { createWebhookEndpoint(input: { url: $url }) { endpoint { id } } }`,
      { url: `http://127.0.0.1:${(webhookReceiver.address() as AddressInfo).port}/hook` },
      winner.token,
    );
    expect(hook.errors).toBeUndefined();
    await fillVault(stack, individual, {
      legal_name: canary.legalName,
      postal_address: canary.address,
      phone: canary.phone,
      'custom.notes': canary.note,
    });
    await stack.gql(
      `mutation($name: String!) { createApiToken(input: { name: $name }) { token } }`,
      { name: canary.apiTokenName },
      individual.token,
    );
    const awarded = await postIntent(stack, individual, {
      title: canary.title,
      description: canary.description,
      location: { postcode: canary.postcode, lat: LEEDS.lat, lng: LEEDS.lng },
      components: [
        { title: canary.componentTitle, description: canary.description, categoryCode: 'moving.removals' },
        { title: `${canary.componentTitle} two`, categoryCode: 'moving.cleaning' },
      ],
      idempotencyKey: canary.idempotencyKey,
    });
    const stillOpen = await postIntent(stack, individual, {
      title: canary.title,
      description: canary.description,
      location: { postcode: canary.postcode },
      expiresAt: inDays(20),
    });
    await setPolicy(stack, individual, awarded.id, {
      offer: ['legal_name'],
      award: ['postal_address', 'phone', 'custom.notes'],
    });
    for (const vendor of [winner, rival]) await waitUntilMatched(stack, awarded.id, vendor);
    await waitUntilMatched(stack, stillOpen.id, rival);
    const winning = await makeOffer(stack, winner, awarded, '700');
    await makeOffer(stack, rival, awarded, '800');
    await makeOffer(stack, rival, stillOpen, '300');
    const engagementId = await award(stack, individual, awarded.id, winning);
    await acceptTerms(stack, winner, awarded.id);
    const read = await stack.gql(
      `query($id: ID!) { engagement(id: $id) { disclosedItems { key value } } }`,
      { id: engagementId },
      winner.token,
    );
    expect(read.data!.engagement.disclosedItems.map((item: { value: string }) => item.value)).toContain(canary.phone);

    // The winner's endpoint was told of the match and the award (ids only: nothing of the canaries).
    const events = await waitFor(async () => {
      const types = webhookBodies.map((body) => JSON.parse(body).type as string);
      return types.includes('match.created') && types.includes('offer.awarded') ? types : null;
    });
    expect(events).toEqual(expect.arrayContaining(['match.created', 'offer.awarded']));
    const sent = webhookBodies.join('\n').toLowerCase();
    expect(Object.values(canary).filter((value) => sent.includes(value.toLowerCase()))).toEqual([]);
    await stack.settle();
    const [{ deliveries }] = await stack.dataSource.query(
      `SELECT count(*)::int AS deliveries FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE e.vendor_id = $1 AND d.status = 'succeeded'`,
      [winner.vendorId],
    );
    expect(deliveries).toBe(webhookBodies.length);

    // The search finds the canaries before erasure (so finding none afterwards means something); it reads
    // every table, the webhook endpoints, deliveries and attempts included.
    expect(await applicationTables(stack.dataSource)).toEqual(
      expect.arrayContaining(['webhook_endpoints', 'webhook_deliveries', 'webhook_delivery_attempts']),
    );
    expect(await countInDatabase(canary.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^intents: 2$/)]),
    );
    expect(await countInDatabase(canary.email)).toEqual(['accounts: 1']);
    const backup: Array<{ item_key: string; sealed_value: Buffer }> = await stack.dataSource.query(
      `SELECT item_key, sealed_value FROM vault_items WHERE individual_id = $1`,
      [individual.accountId],
    );
    expect(backup).toHaveLength(4);
    const vault = stack.api.get(VaultService);
    expect(
      await vault.openSealed(
        individual.accountId,
        'phone',
        backup.find((row) => row.item_key === 'phone')!.sealed_value,
      ),
    ).toBe(canary.phone);
    expect((await stack.gql(`{ me { id } }`, {}, individual.token)).data?.me.id).toBe(individual.accountId);

    // Delete me.
    const wrong = await stack.gql(
      `mutation { eraseMe(input: { password: "not my password" }) { receiptToken } }`,
      {},
      individual.token,
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const erased = await stack.gql(
      `mutation($password: String!) { eraseMe(input: { password: $password }) { receiptToken receipt { receiptId status } } }`,
      { password: PASSWORD },
      individual.token,
    );
    expect(erased.errors).toBeUndefined();
    const { receiptToken, receipt } = erased.data!.eraseMe;
    expect(receiptToken).toMatch(/^er_/);

    // The session fails at once (the 10 s "active" cache was dropped), and so does signing in.
    expect((await stack.gql(`{ me { id } }`, {}, individual.token)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const logIn = await stack.gql(
      `mutation { logIn(input: { email: "${canary.email}", password: "${PASSWORD}" }) { token } }`,
    );
    expect(logIn.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const receiptQuery = `query($token: String!) { erasureReceipt(token: $token) { receiptId status completedAt summary } }`;
    const final = await waitFor(async () => {
      const result = await stack.gql(receiptQuery, { token: receiptToken });
      return result.data?.erasureReceipt.status === 'COMPLETED' ? result.data.erasureReceipt : null;
    }, 30_000);
    expect(final.receiptId).toBe(receipt.receiptId);
    expect(final.summary).toMatchObject({
      vaultKeyDestroyed: true,
      vaultItemsDeleted: 4,
      intentsAnonymised: 2,
      engagementsAnonymised: 1,
      apiTokensDeleted: 1,
    });
    // The receipt names no one.
    expect(JSON.stringify(final)).not.toContain(individual.accountId);
    const [request] = await stack.dataSource.query(`SELECT account_id FROM erasure_requests WHERE id = $1`, [
      receipt.receiptId,
    ]);
    expect(request.account_id).toBeNull();

    // No canary anywhere in PostgreSQL…
    const leftovers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(canary)) {
      const hits = await countInDatabase(value);
      if (hits.length > 0) leftovers[name] = hits;
    }
    expect(leftovers).toEqual({});

    // …nor in Redis (keys, job data, results, events) under this test's prefix, and no job names the individual.
    const dump = await redisDump(redis, stack.config.REDIS_PREFIX);
    expect(dump.length).toBeGreaterThan(0);
    const named = [individual.accountId, awarded.id, stillOpen.id, engagementId, winning];
    const redisLeftovers = dump.filter(({ key, text }) =>
      [...Object.values(canary), ...named].some(
        (value) => key.includes(value) || text.toLowerCase().includes(value.toLowerCase()),
      ),
    );
    expect(redisLeftovers.map(({ key }) => key)).toEqual([]);

    // The vault key is gone: the saved ciphertext ("a backup") no longer decrypts.
    const [{ keys }] = await stack.dataSource.query(
      `SELECT count(*)::int AS keys FROM vault_keys WHERE individual_id = $1`,
      [individual.accountId],
    );
    expect(keys).toBe(0);
    for (const row of backup) {
      await expect(vault.openSealed(individual.accountId, row.item_key, row.sealed_value)).rejects.toBeInstanceOf(
        VaultKeyDestroyedError,
      );
    }

    // The vendor keeps what the award left it, about an anonymised intent, and can read nothing more.
    const vendorView = await stack.gql(
      `query($id: ID!) { engagement(id: $id) { total { amount } intent { title status description exactLocation { postcode } } components { title } disclosedItems { key } } }`,
      { id: engagementId },
      winner.token,
    );
    expect(vendorView.data!.engagement).toMatchObject({
      total: { amount: '700.00' },
      intent: { title: '[erased]', description: '', exactLocation: null },
      components: [{ title: 'Removals' }],
      disclosedItems: null,
    });
    expect(vendorView.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [{ denied }] = await stack.dataSource.query(
      `SELECT count(*)::int AS denied FROM data_use_log WHERE vendor_id = $1 AND outcome = 'denied' AND detail = 'erased'`,
      [winner.vendorId],
    );
    expect(denied).toBe(1);
    const [open] = await stack.dataSource.query(`SELECT status FROM intents WHERE id = $1`, [stillOpen.id]);
    expect(open.status).toBe('withdrawn');
  });
});
