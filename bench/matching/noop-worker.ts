/**
 * Child process of bench:matching-throughput: a bare BullMQ Worker whose jobs do nothing, at the
 * matching processor's concurrency, on the same Redis. The baseline the matching worker is compared
 * with. Env: REDIS_URL, REDIS_PREFIX, QUEUE, CONCURRENCY. Prints "ready" once connected; SIGTERM stops it.
 */
import { Worker } from 'bullmq';

async function main(): Promise<void> {
  const worker = new Worker(process.env.QUEUE ?? 'noop', async () => undefined, {
    connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null },
    prefix: process.env.REDIS_PREFIX,
    concurrency: Number(process.env.CONCURRENCY ?? 10),
  });
  await worker.waitUntilReady();
  process.once('SIGTERM', () => {
    void worker.close().finally(() => process.exit(0));
  });
  console.log('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
