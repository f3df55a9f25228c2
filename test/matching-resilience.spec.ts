import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { JobName, QueueName } from '@app/queues/queues';
import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { type OwnRedis, ownRedis, startWorkerProcess } from './support/processes';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';
import { MatchIntentProcessor } from '../apps/worker/src/matching/match-intent.processor';

const VENDORS = 3;

const CREATE_INTENT = /* GraphQL */ `
  mutation ($input: CreateIntentInput!) {
    createIntent(input: $input) {
      id
      matching {
        state
      }
    }
  }
`;

async function postIntents(stack: TestStack, individual: Actor, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, (_, index) =>
        stack.gql(
          CREATE_INTENT,
          {
            input: {
              title: `${label} removal ${start + index}`,
              categoryCode: 'moving.removals',
              location: LEEDS,
              expiresAt: inDays(5),
            },
          },
          individual.token,
        ),
      ),
    );
    for (const result of batch) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.createIntent.matching.state).toBe('PENDING');
      ids.push(result.data!.createIntent.id);
    }
  }
  return ids;
}

async function matchedCount(stack: TestStack, ids: string[]): Promise<number> {
  const [{ n }] = await stack.dataSource.query(
    `SELECT count(*)::int AS n FROM intents WHERE id = ANY($1::uuid[]) AND matching_outcome->>'state' = 'matched'`,
    [ids],
  );
  return n;
}

/** Every intent matched to every fitting vendor once, and each match announced exactly once. */
async function expectMatchedExactlyOnce(stack: TestStack, ids: string[]): Promise<void> {
  const matches = await stack.dataSource.query(
    `SELECT intent_id, count(*)::int AS n FROM intent_matches WHERE intent_id = ANY($1::uuid[]) GROUP BY intent_id`,
    [ids],
  );
  expect(matches).toHaveLength(ids.length);
  expect(matches.filter((row: { n: number }) => row.n !== VENDORS)).toEqual([]);
  const [{ announced, distinct }] = await stack.dataSource.query(
    `SELECT count(*)::int AS announced,
            count(DISTINCT (notification->>'intentId', notification->>'vendorId'))::int AS distinct
       FROM outbox_events, jsonb_array_elements(payload->'notifications') AS notification
      WHERE topic = 'notification' AND notification->>'type' = 'match.created'
        AND notification->>'intentId' = ANY($1)`,
    [ids],
  );
  expect({ announced, distinct }).toEqual({ announced: ids.length * VENDORS, distinct: ids.length * VENDORS });
}

async function seedVendors(stack: TestStack): Promise<void> {
  for (let index = 0; index < VENDORS; index += 1) {
    await vendorWithProfile(stack, `Resilient Removals ${index}`, {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 30 + index },
    });
  }
}

describe('matching survives Redis outages and worker crashes', () => {
  describe('Redis stopped while intents are posted', () => {
    let redis: OwnRedis;
    let stack: TestStack;

    beforeAll(async () => {
      redis = await ownRedis();
      stack = await startTestStack({
        worker: true,
        env: { REDIS_URL: redis.url, SWEEP_INTERVAL_MS: '1000', JOB_BACKOFF_MS: '100' },
      });
      await seedVendors(stack);
    });

    afterAll(async () => {
      await redis.start();
      await stack.close();
      await redis.kill();
    });

    it('keeps posting, loses nothing and matches every intent once when Redis is back', async () => {
      const individual = await signUp(stack, 'INDIVIDUAL', 'Outage Individual');
      const matcher = stack.worker!.get(MatchIntentProcessor).worker;

      // Jobs already handed to Redis, not yet processed, are lost with it (no persistence)...
      await matcher.pause(true);
      const handedOver = await postIntents(stack, individual, 20, 'handed-over');
      await waitFor(async () => {
        const [{ pending }] = await stack.dataSource.query(
          `SELECT count(*)::int AS pending FROM outbox_events WHERE dispatched_at IS NULL`,
        );
        return pending === 0;
      });
      await redis.kill();

      // ...and these 200 are committed while Redis is down: the outbox holds them.
      const duringOutage = await postIntents(stack, individual, 200, 'outage');
      const [{ held }] = await stack.dataSource.query(
        `SELECT count(*)::int AS held FROM outbox_events WHERE dispatched_at IS NULL AND topic = 'intent.opened'`,
      );
      expect(held).toBe(200);
      expect(await matchedCount(stack, duringOutage)).toBe(0);

      await redis.start();
      await matcher.resume();
      const all = [...handedOver, ...duringOutage];
      await waitFor(async () => (await matchedCount(stack, all)) === all.length, 90_000);
      await stack.settle(30_000);
      await expectMatchedExactlyOnce(stack, all);
      // The repeatable expiry job, forgotten by the restarted Redis, is scheduled again.
      const maintenance = stack.worker!.get<Queue>(getQueueToken(QueueName.MAINTENANCE));
      await waitFor(() => maintenance.getJobScheduler(JobName.EXPIRE_DUE));
    });
  });

  describe('worker killed with match jobs in flight', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startTestStack({ env: { JOB_LOCK_MS: '1500' } });
      await seedVendors(stack);
    });

    afterAll(async () => {
      await stack.close();
    });

    it('matches every intent exactly once after a SIGKILL and a restart', async () => {
      const individual = await signUp(stack, 'INDIVIDUAL', 'Crash Individual');
      const matching = new Queue(QueueName.MATCHING, {
        connection: { url: stack.config.REDIS_URL },
        prefix: stack.config.REDIS_PREFIX,
      });
      // Hold the match inserts back, so jobs are certainly in flight (mid-statement) when the worker dies.
      const blocker = new Client({ connectionString: stack.config.DATABASE_URL });
      await blocker.connect();
      let worker = await startWorkerProcess(stack.config);
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE intent_matches IN SHARE ROW EXCLUSIVE MODE');
        const beforeCrash = await postIntents(stack, individual, 30, 'before-crash');
        await waitFor(async () => (await matching.getActiveCount()) >= 10, 20_000);
        await worker.kill('SIGKILL');
        expect(await matching.getActiveCount()).toBeGreaterThanOrEqual(10);
        const whileDown = await postIntents(stack, individual, 120, 'while-down');
        // The killed worker's statements may still finish once the lock goes: a retried job must not repeat them.
        await blocker.query('ROLLBACK');

        worker = await startWorkerProcess(stack.config);
        const ids = [...beforeCrash, ...whileDown];
        await waitFor(async () => (await matchedCount(stack, ids)) === ids.length, 60_000);
        await waitFor(async () => (await matching.getJobCounts('active', 'waiting', 'delayed')).active === 0);
        await expectMatchedExactlyOnce(stack, ids);
        expect(await matching.getFailedCount()).toBe(0);
      } finally {
        await blocker.end();
        await worker.kill('SIGTERM');
        await matching.close();
      }
    });
  });

  describe('a match job that keeps failing', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startTestStack({ worker: true, env: { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '20' } });
      await seedVendors(stack);
    });

    afterAll(async () => {
      await stack.close();
    });

    it('lands in the failed set and marks the intent FAILED, visible to its owner', async () => {
      const individual = await signUp(stack, 'INDIVIDUAL', 'Failure Individual');
      // The matching query cannot run without the vendors' match index tables.
      await stack.dataSource.query(`ALTER TABLE vendor_match_areas RENAME TO vendor_match_areas_unavailable`);
      let intentId: string;
      try {
        [intentId] = await postIntents(stack, individual, 1, 'doomed');
        await waitFor(
          async () => (await stack.worker!.get<Queue>(getQueueToken(QueueName.MATCHING)).getFailedCount()) > 0,
        );
      } finally {
        await stack.dataSource.query(`ALTER TABLE vendor_match_areas_unavailable RENAME TO vendor_match_areas`);
      }
      const state = await waitFor(async () => {
        const result = await stack.gql(
          `query($id: ID!) { intent(id: $id) { matching { state error vendorCount } } }`,
          { id: intentId },
          individual.token,
        );
        return result.data?.intent.matching.state === 'FAILED' ? result.data.intent.matching : null;
      });
      expect(state).toEqual({ state: 'FAILED', error: 'matching failed after 2 attempts', vendorCount: 0 });
      const [failed] = await stack.worker!.get<Queue>(getQueueToken(QueueName.MATCHING)).getFailed();
      expect(failed.data).toEqual({ intentId });
      expect(failed.attemptsMade).toBe(2);
    });
  });
});
