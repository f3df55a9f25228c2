import { randomUUID } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { JobName, Jobs, QueueName, jobId } from '@app/queues';
import { WebhookFanOut } from '@app/webhooks/webhook-fan-out';
import { WebhookSweeper } from '../apps/worker/src/webhooks/webhook-sweeper.service';
import { type Actor, LEEDS, signUp, vendorWithProfile } from './support/actors';
import { postIntent, waitUntilMatched } from './support/privacy-fixtures';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP endpoint on 127.0.0.1 that records every request (on arrival); `answers` sets the status
 * per path, `holds` how long to wait before answering.
 */
async function startReceiver() {
  const requests: Received[] = [];
  const answers = new Map<string, number>();
  const holds = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.get(path) ?? 204;
      setTimeout(
        () => {
          response.writeHead(status, { 'content-type': 'text/plain' });
          response.end(status >= 400 ? `upstream exploded ${'x'.repeat(2000)}` : '');
        },
        holds.get(path) ?? 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    requests,
    answers,
    holds,
    to: (path: string) => requests.filter((request) => request.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const headersOf = (request: Received) => ({
  'webhook-id': String(request.headers['webhook-id']),
  'webhook-timestamp': String(request.headers['webhook-timestamp']),
  'webhook-signature': String(request.headers['webhook-signature']),
});

const oneByteChanged = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1);

const CREATE = /* GraphQL */ `
  mutation ($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
        eventTypes
        enabled
      }
    }
  }
`;

const DELIVERIES = /* GraphQL */ `
  query ($endpointId: ID!, $status: WebhookDeliveryStatus) {
    webhookDeliveries(endpointId: $endpointId, status: $status, first: 50) {
      nodes {
        id
        notificationId
        eventType
        status
        intentId
        offerId
        attemptCount
        nextAttemptAt
        lastResponseStatus
        lastError
        finishedAt
        attempts {
          number
          startedAt
          durationMs
          responseStatus
          error
          responseSnippet
          nextAttemptAt
        }
      }
    }
  }
`;

const RETRY_ENV = {
  WEBHOOK_ALLOW_LOOPBACK: 'true',
  // Shrunk for the test: 300 ms, 600 ms, 1.2 s, … within a 4 s window.
  WEBHOOK_RETRY_BASE_MS: '300',
  WEBHOOK_RETRY_MAX_DELAY_MS: '60000',
  WEBHOOK_RETRY_WINDOW_MS: '4000',
  WEBHOOK_TIMEOUT_MS: '3000',
};

describe('signed webhooks', () => {
  let stack: TestStack;
  let receiver: Receiver;
  let individual: Actor;

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startTestStack({ worker: true, env: RETRY_ENV });
    individual = await signUp(stack, 'INDIVIDUAL', 'Webhook Watcher');
  });

  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  const removalsVendor = (name: string) =>
    vendorWithProfile(stack, name, { categoryCodes: ['moving.removals'], serviceArea: { ...LEEDS, radiusKm: 50 } });

  async function register(vendor: Actor, input: Record<string, unknown>) {
    const result = await stack.gql(CREATE, { input }, vendor.token);
    expect(result.errors).toBeUndefined();
    return result.data!.createWebhookEndpoint as { secret: string; endpoint: { id: string; eventTypes: string[] } };
  }

  async function deliveries(vendor: Actor, endpointId: string, status?: string) {
    const result = await stack.gql(DELIVERIES, { endpointId, status }, vendor.token);
    expect(result.errors).toBeUndefined();
    return result.data!.webhookDeliveries.nodes as Array<Record<string, any>>;
  }

  it('POSTs match.created to the vendor’s endpoint, signed, with ids only', async () => {
    const vendor = await removalsVendor('Hooked Removals');
    const { secret, endpoint } = await register(vendor, { url: receiver.url('/ok/matches') });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint.eventTypes).toEqual([
      'MATCH_CREATED',
      'OFFER_AWARDED',
      'OFFER_LOST',
      'OFFER_EXPIRED',
      'INTENT_EXPIRED',
      'INTENT_WITHDRAWN',
    ]);

    const intent = await postIntent(stack, individual, {
      title: 'Piano and sofa, very personal title',
      description: 'Flat 3, behind the blue door',
    });
    await waitUntilMatched(stack, intent.id, vendor);
    const [request] = await waitFor(async () => {
      const got = receiver.to('/ok/matches');
      return got.length > 0 ? got : null;
    });
    expect(request.headers['content-type']).toBe('application/json');
    const headers = headersOf(request);
    expect(headers['webhook-signature']).toMatch(/^v1,/);

    // The receiver's side: standardwebhooks verifies it.
    const payload = new Webhook(secret).verify(request.body, headers) as Record<string, any>;
    expect(payload).toEqual({
      type: 'match.created',
      timestamp: expect.any(String),
      data: {
        notificationId: headers['webhook-id'],
        subject: { type: 'INTENT', id: intent.id },
        intentId: intent.id,
        vendorId: vendor.vendorId,
      },
    });
    expect(headers['webhook-id']).toMatch(/^ntf_\d+\.\d+$/);

    // Ids only: nothing the individual wrote, nothing naming anyone.
    for (const text of ['Piano', 'blue door', 'Webhook Watcher', individual.email, individual.accountId, 'Hooked']) {
      expect(request.body).not.toContain(text);
    }

    // One byte changed in the body, the timestamp or the id: verification fails.
    const verify = (body: string, changed: Partial<typeof headers> = {}) =>
      new Webhook(secret).verify(body, { ...headers, ...changed });
    expect(() => verify(oneByteChanged(request.body, request.body.indexOf(intent.id) + 3))).toThrow(
      WebhookVerificationError,
    );
    expect(() =>
      verify(request.body, { 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }),
    ).toThrow(WebhookVerificationError);
    expect(() =>
      verify(request.body, { 'webhook-id': oneByteChanged(headers['webhook-id'], headers['webhook-id'].length - 1) }),
    ).toThrow(WebhookVerificationError);

    // The same request replayed more than five minutes later fails (the receiver's clock moved on).
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 5 * 60 * 1000 + 5000);
    try {
      expect(() => verify(request.body)).toThrow('Message timestamp too old');
    } finally {
      clock.mockRestore();
    }
    // A signature made for a timestamp older than five minutes fails too.
    const old = new Date(now - 6 * 60 * 1000);
    const stale = { 'webhook-timestamp': String(Math.floor(old.getTime() / 1000)) };
    expect(() =>
      verify(request.body, {
        ...stale,
        'webhook-signature': new Webhook(secret).sign(headers['webhook-id'], old, request.body),
      }),
    ).toThrow('Message timestamp too old');

    // The delivery log.
    await stack.settle();
    const [delivery] = await deliveries(vendor, endpoint.id);
    expect(delivery).toMatchObject({
      notificationId: headers['webhook-id'],
      eventType: 'MATCH_CREATED',
      status: 'SUCCEEDED',
      intentId: intent.id,
      offerId: null,
      attemptCount: 1,
      lastResponseStatus: 204,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ number: 1, responseStatus: 204, error: null, nextAttemptAt: null }),
    ]);
    expect(await deliveries(vendor, endpoint.id, 'FAILED')).toEqual([]);

    // A resent notification is delivered once: the relay sends the outbox row again, with the fan-out job gone
    // from Redis too, so only the database's (endpoint, notification) key stands in the way.
    const outboxId = /^ntf_(\d+)\./.exec(headers['webhook-id'])![1];
    const queue = stack.worker!.get<Queue>(getQueueToken(QueueName.WEBHOOKS));
    await queue.remove(jobId.fanOutWebhooks(headers['webhook-id']));
    await stack.dataSource.query(`UPDATE outbox_events SET dispatched_at = NULL WHERE id = $1`, [outboxId]);
    await waitFor(async () => {
      const [row] = await stack.dataSource.query(`SELECT dispatched_at FROM outbox_events WHERE id = $1`, [outboxId]);
      return row.dispatched_at !== null;
    });
    await stack.settle();
    const fanOut = stack.worker!.get(WebhookFanOut);
    expect(
      await fanOut.fanOut({
        id: headers['webhook-id'],
        type: payload.type,
        subject: payload.data.subject,
        vendorId: vendor.vendorId!,
        intentId: intent.id,
        occurredAt: payload.timestamp,
      }),
    ).toBe(0);
    await stack.settle();
    expect(receiver.to('/ok/matches').filter((r) => r.headers['webhook-id'] === headers['webhook-id'])).toHaveLength(1);
    const [{ n }] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE notification_id = $1`,
      [headers['webhook-id']],
    );
    expect(n).toBe(1);
  });

  it('retries a failing endpoint with growing, jittered delays for the window, then marks it failed', async () => {
    const vendor = await removalsVendor('Flaky Removals');
    const path = '/flaky';
    receiver.answers.set(path, 500);
    const { secret, endpoint } = await register(vendor, { url: receiver.url(path), eventTypes: ['MATCH_CREATED'] });
    const intent = await postIntent(stack, individual, { title: 'Two rooms' });
    await waitUntilMatched(stack, intent.id, vendor);

    const [failed] = await waitFor(async () => {
      const list = await deliveries(vendor, endpoint.id, 'FAILED');
      return list.length > 0 ? list : null;
    }, 30_000);
    expect(failed).toMatchObject({
      status: 'FAILED',
      lastResponseStatus: 500,
      lastError: 'HTTP 500',
      nextAttemptAt: null,
      finishedAt: expect.any(String),
    });
    const attempts: Array<Record<string, any>> = failed.attempts;
    expect(attempts.length).toBe(failed.attemptCount);
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    expect(attempts.map((attempt) => attempt.number)).toEqual(attempts.map((_, i) => i + 1));
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ responseStatus: 500, error: 'HTTP 500' });
      // Only a snippet of the answer is kept.
      expect(attempt.responseSnippet.startsWith('upstream exploded')).toBe(true);
      expect(attempt.responseSnippet.length).toBeLessThanOrEqual(200);
    }

    // Each failure scheduled the next attempt, each wait longer than the one before (the last one is
    // moved forward to the end of the window), and no attempt ran before its time.
    const at = (value: string) => new Date(value).getTime();
    const waits = attempts.slice(0, -1).map((attempt) => at(attempt.nextAttemptAt) - at(attempt.startedAt));
    for (let i = 1; i < waits.length - 1; i += 1) expect(waits[i]).toBeGreaterThan(waits[i - 1]);
    expect(waits[0]).toBeGreaterThanOrEqual(300 * 0.8);
    for (let i = 1; i < attempts.length; i += 1) {
      expect(at(attempts[i].startedAt)).toBeGreaterThanOrEqual(at(attempts[i - 1].nextAttemptAt));
    }
    const last = attempts[attempts.length - 1];
    expect(last.nextAttemptAt).toBeNull();
    expect(at(last.startedAt) - at(attempts[0].startedAt)).toBeGreaterThanOrEqual(4000);

    // Every attempt reached the endpoint with the same id and body, signed at its own timestamp.
    const received = receiver.to(path);
    expect(received).toHaveLength(attempts.length);
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set([failed.notificationId]));
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    for (const request of received) {
      expect(() => new Webhook(secret).verify(request.body, headersOf(request))).not.toThrow();
    }

    // The job failed visibly in BullMQ too; nothing is left pending.
    const queue = stack.worker!.get<Queue>(getQueueToken(QueueName.WEBHOOKS));
    const job = await queue.getJob(jobId.deliverWebhook(failed.id));
    expect(await job!.getState()).toBe('failed');
    expect(job!.failedReason).toContain('HTTP 500');
    const [{ pending }] = await stack.dataSource.query(
      `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`,
      [endpoint.id],
    );
    expect(pending).toBe(0);

    // Redelivery, once the endpoint is fixed: a new window, attempt numbers counting on.
    receiver.answers.set(path, 200);
    const redelivered = await stack.gql(
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`,
      { id: failed.id },
      vendor.token,
    );
    expect(redelivered.data?.redeliverWebhook).toEqual({ id: failed.id, status: 'PENDING' });
    const [succeeded] = await waitFor(async () => {
      const list = await deliveries(vendor, endpoint.id, 'SUCCEEDED');
      return list.length > 0 ? list : null;
    });
    expect(succeeded.attemptCount).toBe(attempts.length + 1);
    expect(succeeded.attempts[succeeded.attempts.length - 1]).toMatchObject({
      number: attempts.length + 1,
      responseStatus: 200,
      error: null,
    });
    const lastRequest = receiver.to(path).at(-1)!;
    expect(() => new Webhook(secret).verify(lastRequest.body, headersOf(lastRequest))).not.toThrow();
    const again = await stack.gql(
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`,
      { id: failed.id },
      vendor.token,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('re-queues a pending delivery whose job was lost, so nothing stays silently pending', async () => {
    const vendor = await removalsVendor('Lossy Removals');
    const path = '/lossy';
    receiver.answers.set(path, 503);
    const { endpoint } = await register(vendor, { url: receiver.url(path), eventTypes: ['MATCH_CREATED'] });
    const intent = await postIntent(stack, individual, { title: 'Garden shed' });
    await waitUntilMatched(stack, intent.id, vendor);
    const queue = stack.worker!.get<Queue>(getQueueToken(QueueName.WEBHOOKS));
    // Lose the job while it waits for its next attempt (as Redis data loss would).
    const delivery = await waitFor(async () => {
      const [pending] = await deliveries(vendor, endpoint.id, 'PENDING');
      if (!pending || pending.attemptCount < 1) return null;
      return (await queue.remove(jobId.deliverWebhook(pending.id))) === 1 ? pending : null;
    });
    receiver.answers.set(path, 200);
    const sweeper = stack.worker!.get(WebhookSweeper);
    // Not yet overdue by the grace period: left alone.
    expect(await sweeper.sweep(3600)).toBe(0);
    await waitFor(async () => (await sweeper.sweep(0)) === 1);
    const [succeeded] = await waitFor(async () => {
      const list = await deliveries(vendor, endpoint.id, 'SUCCEEDED');
      return list.length > 0 ? list : null;
    });
    expect(succeeded.id).toBe(delivery.id);
    expect(succeeded.attempts.at(-1)).toMatchObject({ responseStatus: 200, error: null });
  });

  it('rotates the secret (both sign for a while), filters by event type, disables and deletes', async () => {
    const vendor = await removalsVendor('Rotating Removals');
    const path = '/ok/rotating';
    const { secret: first, endpoint } = await register(vendor, { url: receiver.url(path) });
    const rotated = await stack.gql(
      `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id previousSecretExpiresAt } } }`,
      { id: endpoint.id },
      vendor.token,
    );
    const second: string = rotated.data!.rotateWebhookSecret.secret;
    expect(second).not.toBe(first);
    expect(rotated.data!.rotateWebhookSecret.endpoint.previousSecretExpiresAt).toEqual(expect.any(String));

    const intent = await postIntent(stack, individual, { title: 'Boxes' });
    await waitUntilMatched(stack, intent.id, vendor);
    const [request] = await waitFor(async () => (receiver.to(path).length > 0 ? receiver.to(path) : null));
    expect(headersOf(request)['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [first, second]) {
      expect(() => new Webhook(secret).verify(request.body, headersOf(request))).not.toThrow();
    }

    // Only the types asked for; nothing at all once disabled.
    const update = (input: Record<string, unknown>) =>
      stack.gql(
        `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { eventTypes enabled } }`,
        { id: endpoint.id, input },
        vendor.token,
      );
    expect((await update({ eventTypes: ['OFFER_AWARDED'] })).data!.updateWebhookEndpoint).toEqual({
      eventTypes: ['OFFER_AWARDED'],
      enabled: true,
    });
    await waitUntilMatched(stack, (await postIntent(stack, individual, { title: 'Crates' })).id, vendor);
    expect((await update({ eventTypes: ['MATCH_CREATED'], enabled: false })).data!.updateWebhookEndpoint).toEqual({
      eventTypes: ['MATCH_CREATED'],
      enabled: false,
    });
    await waitUntilMatched(stack, (await postIntent(stack, individual, { title: 'Chests' })).id, vendor);
    await stack.settle();
    expect(receiver.to(path)).toHaveLength(1);

    const list = await stack.gql(`{ webhookEndpoints(first: 10) { nodes { id enabled } } }`, {}, vendor.token);
    expect(list.data!.webhookEndpoints.nodes).toEqual([{ id: endpoint.id, enabled: false }]);
    const deleted = await stack.gql(
      `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`,
      { id: endpoint.id },
      vendor.token,
    );
    expect(deleted.data!.deleteWebhookEndpoint).toEqual({ id: endpoint.id });
    expect(
      (await stack.gql(`{ webhookEndpoints { nodes { id } } }`, {}, vendor.token)).data!.webhookEndpoints.nodes,
    ).toEqual([]);
    const [{ n }] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1`,
      [endpoint.id],
    );
    expect(n).toBe(0);
  });

  it('refuses unsafe URLs and bad input, and hides other vendors’ endpoints', async () => {
    const vendor = await signUp(stack, 'VENDOR', 'Careful Vendor');
    const refused = async (url: string) => {
      const result = await stack.gql(CREATE, { input: { url } }, vendor.token);
      expect(result.data).toBeNull();
      return result.errors?.[0];
    };
    for (const [url, reason] of [
      ['http://10.0.0.1/', /https/],
      ['https://10.0.0.1/', /private/],
      ['https://169.254.169.254/latest/meta-data/', /link-local/],
      ['https://[::ffff:169.254.169.254]/', /link-local/],
      ['https://100.64.0.7/', /carrier-grade NAT/],
      ['http://93.184.216.34/hook', /https/],
      ['https://user:secret@93.184.216.34/', /credentials/],
      ['ftp://93.184.216.34/', /https/],
    ] as const) {
      const error = await refused(url);
      expect([url, error?.extensions?.code, error?.extensions?.field]).toEqual([url, 'BAD_USER_INPUT', 'input.url']);
      expect(error?.message).toMatch(reason);
    }
    const noTypes = await stack.gql(CREATE, { input: { url: receiver.url('/x'), eventTypes: [] } }, vendor.token);
    expect(noTypes.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.eventTypes' });
    const asIndividual = await stack.gql(CREATE, { input: { url: receiver.url('/x') } }, individual.token);
    expect(asIndividual.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const { endpoint } = await register(vendor, { url: receiver.url('/careful') });
    const badUpdate = await stack.gql(
      `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "https://192.168.1.1/" }) { id } }`,
      { id: endpoint.id },
      vendor.token,
    );
    expect(badUpdate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });

    const rival = await signUp(stack, 'VENDOR', 'Nosy Vendor');
    const probe = (id: string) =>
      stack.gql(`query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { id } } }`, { id }, rival.token);
    const hidden = await probe(endpoint.id);
    const missing = await probe(randomUUID());
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors).toEqual(missing.errors);
    expect(hidden.data).toEqual(missing.data);
    const notUuid = await probe('nope');
    expect(notUuid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endpointId' });
  });
});

describe('disabling a webhook endpoint', () => {
  let stack: TestStack;
  let receiver: Receiver;
  let individual: Actor;

  beforeAll(async () => {
    receiver = await startReceiver();
    // The default retry schedule: a failed first attempt is retried about a minute later.
    stack = await startTestStack({ worker: true, env: { WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_TIMEOUT_MS: '5000' } });
    individual = await signUp(stack, 'INDIVIDUAL', 'Switch Flipper');
  });

  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  const vendorAndEndpoints = async (name: string, paths: string[]) => {
    const vendor = await vendorWithProfile(stack, name, {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 50 },
    });
    const endpoints: string[] = [];
    for (const path of paths) {
      const result = await stack.gql(
        CREATE,
        { input: { url: receiver.url(path), eventTypes: ['MATCH_CREATED'] } },
        vendor.token,
      );
      expect(result.errors).toBeUndefined();
      endpoints.push(result.data!.createWebhookEndpoint.endpoint.id);
    }
    return { vendor, endpoints };
  };
  const deliveries = async (vendor: Actor, endpointId: string, status?: string) => {
    const result = await stack.gql(DELIVERIES, { endpointId, status }, vendor.token);
    expect(result.errors).toBeUndefined();
    return result.data!.webhookDeliveries.nodes as Array<Record<string, any>>;
  };
  const setEnabled = async (vendor: Actor, id: string, enabled: boolean) => {
    const result = await stack.gql(
      `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { enabled } }`,
      { id, input: { enabled } },
      vendor.token,
    );
    expect(result.data?.updateWebhookEndpoint).toEqual({ enabled });
  };
  const queue = () => stack.worker!.get<Queue>(getQueueToken(QueueName.WEBHOOKS));

  it('fails its pending deliveries at once, never attempts them again, and enabling it does not revive them', async () => {
    const path = '/down';
    receiver.answers.set(path, 503);
    const {
      vendor,
      endpoints: [endpointId],
    } = await vendorAndEndpoints('Unplugged Removals', [path]);
    for (const title of ['Wardrobe', 'Bookcase']) {
      await waitUntilMatched(stack, (await postIntent(stack, individual, { title })).id, vendor);
    }
    // Each failed once and now waits about a minute for its retry, its job delayed until then.
    const pending = await waitFor(async () => {
      const list = await deliveries(vendor, endpointId, 'PENDING');
      return list.length === 2 && list.every((delivery) => delivery.attemptCount === 1) ? list : null;
    });
    for (const delivery of pending) {
      expect(new Date(delivery.nextAttemptAt).getTime() - Date.now()).toBeGreaterThan(30_000);
      expect(await (await queue().getJob(jobId.deliverWebhook(delivery.id)))!.getState()).toBe('delayed');
    }
    expect(receiver.to(path)).toHaveLength(2);

    await setEnabled(vendor, endpointId, false);
    // At once, not at their next attempt: failed, with the reason, and nothing scheduled.
    const failed = await deliveries(vendor, endpointId);
    expect(failed.map((delivery) => delivery.id).sort()).toEqual(pending.map((delivery) => delivery.id).sort());
    for (const delivery of failed) {
      expect(delivery).toMatchObject({
        status: 'FAILED',
        lastError: 'endpoint disabled',
        nextAttemptAt: null,
        finishedAt: expect.any(String),
        attemptCount: 1,
        lastResponseStatus: 503,
      });
      expect(delivery.attempts).toHaveLength(1);
      // Their delayed jobs are gone from BullMQ.
      expect(await queue().getJob(jobId.deliverWebhook(delivery.id))).toBeUndefined();
    }
    expect(await deliveries(vendor, endpointId, 'PENDING')).toEqual([]);

    // A job that escaped the removal (queued again here) finds nothing to send.
    const [first, second] = failed;
    await stack.worker!.get(Jobs).add(JobName.DELIVER_WEBHOOK, { deliveryId: first.id });
    const job = await waitFor(async () => {
      const found = await queue().getJob(jobId.deliverWebhook(first.id));
      return found && (await found.getState()) === 'completed' ? found : null;
    });
    expect(job.returnvalue).toEqual({ status: 'skipped' });

    // A delivery still pending for the disabled endpoint (as a fan-out racing the disabling would
    // leave), even one not due for an hour, fails as soon as its job runs, unsent.
    const [{ id: straggler }] = await stack.dataSource.query(
      `INSERT INTO webhook_deliveries (endpoint_id, notification_id, event_type, payload, next_attempt_at)
       SELECT endpoint_id, 'ntf_0.straggler', event_type, payload, now() + interval '1 hour'
         FROM webhook_deliveries WHERE id = $1
       RETURNING id`,
      [first.id],
    );
    await stack.worker!.get(Jobs).add(JobName.DELIVER_WEBHOOK, { deliveryId: straggler });
    const [late] = await waitFor(async () => {
      const rows = await stack.dataSource.query(
        `SELECT status, last_error, attempt_count FROM webhook_deliveries WHERE id = $1 AND status <> 'pending'`,
        [straggler],
      );
      return rows.length > 0 ? rows : null;
    });
    expect(late).toEqual({ status: 'failed', last_error: 'endpoint disabled', attempt_count: 0 });
    expect(receiver.to(path)).toHaveLength(2);

    // Enabled again (and the endpoint fixed): nothing comes back to life by itself.
    receiver.answers.set(path, 204);
    await setEnabled(vendor, endpointId, true);
    await stack.settle();
    expect((await deliveries(vendor, endpointId)).map((delivery) => delivery.status)).toEqual([
      'FAILED',
      'FAILED',
      'FAILED',
    ]);
    expect(receiver.to(path)).toHaveLength(2);

    // Redelivery stays explicit, one delivery at a time.
    const redelivered = await stack.gql(
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }`,
      { id: second.id },
      vendor.token,
    );
    expect(redelivered.data?.redeliverWebhook).toEqual({ status: 'PENDING' });
    const [succeeded] = await waitFor(async () => {
      const list = await deliveries(vendor, endpointId, 'SUCCEEDED');
      return list.length > 0 ? list : null;
    });
    expect(succeeded).toMatchObject({ id: second.id, attemptCount: 2, lastError: null });
    expect(succeeded.attempts.at(-1)).toMatchObject({ number: 2, responseStatus: 204 });
    expect(receiver.to(path)).toHaveLength(3);
    expect((await deliveries(vendor, endpointId, 'FAILED')).map((delivery) => delivery.id).sort()).toEqual(
      [first.id, straggler].sort(),
    );
  });

  it('records an attempt that was under way when the endpoint was disabled, and retries none', async () => {
    const [slowOk, slowBad] = ['/slow/ok', '/slow/bad'];
    receiver.holds.set(slowOk, 2000).set(slowBad, 2000);
    receiver.answers.set(slowOk, 200).set(slowBad, 500);
    const { vendor, endpoints } = await vendorAndEndpoints('Halfway Removals', [slowOk, slowBad]);
    await waitUntilMatched(stack, (await postIntent(stack, individual, { title: 'Piano stool' })).id, vendor);
    // Both requests are out, their answers not yet back: disable both endpoints now.
    await waitFor(async () => receiver.to(slowOk).length + receiver.to(slowBad).length === 2);
    for (const endpointId of endpoints) await setEnabled(vendor, endpointId, false);
    expect((await deliveries(vendor, endpoints[1]))[0]).toMatchObject({ status: 'FAILED', attemptCount: 0 });

    await stack.settle();
    const [delivered] = await deliveries(vendor, endpoints[0]);
    expect(delivered).toMatchObject({ status: 'SUCCEEDED', attemptCount: 1, lastResponseStatus: 200, lastError: null });
    expect(delivered.attempts).toEqual([expect.objectContaining({ number: 1, responseStatus: 200, error: null })]);
    const [refused] = await deliveries(vendor, endpoints[1]);
    expect(refused).toMatchObject({
      status: 'FAILED',
      attemptCount: 1,
      lastResponseStatus: 500,
      lastError: 'endpoint disabled',
      nextAttemptAt: null,
    });
    expect(refused.attempts).toEqual([
      expect.objectContaining({ number: 1, responseStatus: 500, error: 'HTTP 500', nextAttemptAt: null }),
    ]);
    expect(receiver.to(slowBad)).toHaveLength(1);
  });
});

describe('webhook registration without WEBHOOK_ALLOW_LOOPBACK', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('refuses loopback endpoints, by address or by name', async () => {
    const vendor = await signUp(stack, 'VENDOR', 'Local Vendor');
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://127.0.0.1/hook',
      'https://[::1]/hook',
      'https://localhost/',
    ]) {
      const result = await stack.gql(CREATE, { input: { url } }, vendor.token);
      expect([url, result.errors?.[0]?.extensions?.code]).toEqual([url, 'BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toMatch(/https|loopback/);
    }
  });
});
