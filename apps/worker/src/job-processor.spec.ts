import type { DiscoveryService } from '@nestjs/core';
import { JobName } from '@app/queues';
import { type JobHandlers, JobHandlersCheck, JobProcessor } from './job-processor';

/** A processor of the given jobs on the given queue, as the BullMQ explorer would leave it. */
function processorOf<N extends JobName>(queue: string, handlers: JobHandlers<N>): JobProcessor<N> {
  class Processor extends JobProcessor<N> {
    protected readonly handlers = handlers;
  }
  const processor = new Processor();
  (processor as unknown as { _worker: { name: string } })._worker = { name: queue };
  return processor;
}

const done = async () => undefined;
const check = (...instances: unknown[]) =>
  new JobHandlersCheck({
    getProviders: () => instances.map((instance) => ({ instance })),
  } as unknown as DiscoveryService);

const all = [
  processorOf('matching', { [JobName.MATCH_INTENT]: done }),
  processorOf('maintenance', { [JobName.EXPIRE_DUE]: done }),
  processorOf('assembly', { [JobName.ASSEMBLE_SOLUTIONS]: done }),
  processorOf('erasure', { [JobName.ERASE_INDIVIDUAL]: done }),
  processorOf('webhooks', { [JobName.FAN_OUT_WEBHOOKS]: done, [JobName.DELIVER_WEBHOOK]: done }),
];

describe('job handlers at start-up', () => {
  it('passes when every job has a handler on its queue', () => {
    expect(() => check(...all, { notAProcessor: true }).onApplicationBootstrap()).not.toThrow();
  });

  it('fails, naming the job, when one has no handler', () => {
    expect(() => check(...all.slice(1)).onApplicationBootstrap()).toThrow(/without a handler.*match-intent/);
  });

  it('fails when a processor handles a job of another queue', () => {
    const misrouted = processorOf('assembly', { [JobName.EXPIRE_DUE]: done });
    expect(() => check(...all, misrouted).onApplicationBootstrap()).toThrow(
      /handles "expire-due", a job of queue "maintenance"/,
    );
  });

  it('hands each job its payload, typed by the job name', async () => {
    const seen: string[] = [];
    const processor = processorOf('matching', {
      [JobName.MATCH_INTENT]: async ({ intentId }) => seen.push(intentId),
    });
    await processor.process({ name: JobName.MATCH_INTENT, data: { intentId: 'i-1' }, queueName: 'matching' } as never);
    expect(seen).toEqual(['i-1']);
    await expect(
      processor.process({ name: JobName.EXPIRE_DUE, data: {}, queueName: 'matching' } as never),
    ).rejects.toThrow('no handler for job "expire-due" on queue "matching"');
  });
});
