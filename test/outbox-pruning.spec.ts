import { OutboxPruner } from '../apps/worker/src/outbox/outbox-pruner.service';
import { signUp } from './support/actors';
import { postIntent } from './support/privacy-fixtures';
import { type TestStack, startTestStack } from './support/test-stack';

describe('outbox retention', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('deletes dispatched rows past OUTBOX_RETENTION_HOURS and keeps recent and undispatched ones', async () => {
    const individual = await signUp(stack, 'INDIVIDUAL', 'Outbox Owner');
    for (let index = 0; index < 3; index += 1) await postIntent(stack, individual, { title: `Sofa move ${index}` });
    await stack.settle();
    // No relay from here on: the undispatched row below must stay undispatched.
    await stack.stopWorker();
    const rows = await stack.dataSource.query(
      `SELECT id FROM outbox_events WHERE dispatched_at IS NOT NULL ORDER BY id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const [old, alsoOld, ...recent] = rows.map((row: { id: string }) => row.id);
    const hours = stack.config.OUTBOX_RETENTION_HOURS;
    await stack.dataSource.query(
      `UPDATE outbox_events SET dispatched_at = now() - make_interval(hours => $2 + 1) WHERE id = ANY($1::bigint[])`,
      [[old, alsoOld], hours],
    );
    const [{ id: waiting }] = await stack.dataSource.query(
      `INSERT INTO outbox_events (topic, payload, created_at) VALUES ('intent.opened', '{"intentId":"x"}', now() - interval '30 days')
       RETURNING id`,
    );

    const pruner = new OutboxPruner(stack.dataSource, stack.config);
    const deleted = await pruner.prune();

    expect(deleted).toBe(2);
    const left = (await stack.dataSource.query(`SELECT id FROM outbox_events ORDER BY id`)).map(
      (row: { id: string }) => row.id,
    );
    expect(left).not.toContain(old);
    expect(left).not.toContain(alsoOld);
    expect(left).toEqual(expect.arrayContaining([...recent, waiting]));
    expect(await pruner.prune()).toBe(0);
  });
});
