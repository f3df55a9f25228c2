import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { ErasureRunner } from '@app/erasure/erasure-runner';
import { QueueName, jobId } from '@app/queues';
import { createApiApp } from '../apps/api/src/create-api-app';
import { ViewerService } from '../apps/api/src/auth/viewer.service';
import { type Actor, signUp, vendorWithProfile } from './support/actors';
import { fillVault } from './support/privacy-fixtures';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const ERASE = `mutation { eraseMe(input: { password: "correct horse battery" }) { receiptToken receipt { receiptId status } } }`;
const RECEIPT = `query($token: String!) { erasureReceipt(token: $token) { status summary } }`;

describe('erasure: sessions on every replica, and jobs that never reached Redis', () => {
  let stack: TestStack;
  let replica: NestFastifyApplication;

  beforeAll(async () => {
    // No worker yet: the erasure jobs wait until the test starts one.
    stack = await startTestStack();
    replica = await createApiApp(stack.config);
    await replica.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await replica.close();
    await stack.close();
  });

  const meOn = async (app: NestFastifyApplication, actor: Actor) => {
    const { port } = app.getHttpServer().address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${actor.token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    return (await response.json()) as {
      data?: { me: { id: string } } | null;
      errors?: Array<{ extensions: { code: string } }>;
    };
  };

  it('ends the session on another API replica that had it cached, not only on the one that erased', async () => {
    const individual = await signUp(stack, 'INDIVIDUAL', 'Two Replicas');
    // The replica now caches "active" for this account (10 s).
    expect((await meOn(replica, individual)).data?.me.id).toBe(individual.accountId);
    const forget = jest.spyOn(replica.get(ViewerService), 'forget');
    const erased = await stack.gql(ERASE, {}, individual.token);
    expect(erased.errors).toBeUndefined();
    expect((await stack.gql(`{ me { id } }`, {}, individual.token)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    await waitFor(async () => forget.mock.calls.some(([accountId]) => accountId === individual.accountId));
    expect((await meOn(replica, individual)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    forget.mockRestore();
  });

  it('refuses vendors, repeats and unknown receipt tokens', async () => {
    const vendor = await vendorWithProfile(stack, 'Not Erasable Here', {});
    expect((await stack.gql(ERASE, {}, vendor.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(RECEIPT, { token: 'er_unknown' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stack.gql(ERASE, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('completes an erasure whose job was lost (the sweeper re-queues it), and running it again changes nothing', async () => {
    const individual = await signUp(stack, 'INDIVIDUAL', 'Lost Job');
    await fillVault(stack, individual, { legal_name: 'Lost Job Person' });
    const erased = await stack.gql(ERASE, {}, individual.token);
    const { receiptToken, receipt } = erased.data!.eraseMe;
    expect(receipt.status).toBe('PENDING');
    // Simulate Redis losing the job (or the API never reaching it), long enough ago for the sweeper.
    const producer = new Queue(QueueName.ERASURE, {
      connection: { url: stack.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: stack.config.REDIS_PREFIX,
    });
    expect(await producer.remove(jobId.eraseIndividual(receipt.receiptId))).toBe(1);
    expect(await producer.getJob(jobId.eraseIndividual(receipt.receiptId))).toBeUndefined();
    await producer.close();
    await stack.dataSource.query(
      `UPDATE erasure_requests SET requested_at = now() - interval '1 minute' WHERE id = $1`,
      [receipt.receiptId],
    );
    const worker = await stack.startWorker();
    const erasureQueue = worker.get<Queue>(getQueueToken(QueueName.ERASURE), { strict: false });
    const done = await waitFor(async () => {
      const result = await stack.gql(RECEIPT, { token: receiptToken });
      return result.data?.erasureReceipt.status === 'COMPLETED' ? result.data.erasureReceipt : null;
    }, 40_000);
    expect(done.summary).toMatchObject({ vaultKeyDestroyed: true, vaultItemsDeleted: 1 });
    const again = await worker.get(ErasureRunner).run(receipt.receiptId, [erasureQueue]);
    expect(again).toEqual(done.summary);
  });
});
