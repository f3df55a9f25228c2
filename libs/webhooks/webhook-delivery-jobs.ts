import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { QueueProducer, JobName, type JobPayloads, QueueName, jobId } from '@app/queues';
import { queryRows } from '@app/database';

/**
 * A delivery job runs the delivery's attempts: between them it waits in BullMQ's delayed state (the
 * schedule is the delivery row's, see WebhookDeliverer). BullMQ's own attempts only cover the worker
 * failing to run it (database down, crash); the sweeper re-queues a pending delivery left without a job.
 */
export const DELIVER_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

export const deliverJob = (deliveryId: string) => {
  const data: JobPayloads[JobName.DELIVER_WEBHOOK] = { deliveryId };
  return {
    name: JobName.DELIVER_WEBHOOK,
    data,
    opts: { ...DELIVER_JOB_OPTIONS, jobId: jobId.deliverWebhook(deliveryId) },
  };
};

/** Queues delivery jobs; ids are deterministic, so a delivery already queued is not queued twice. */
export async function queueDeliveries(queue: Queue, deliveryIds: readonly string[]): Promise<void> {
  if (deliveryIds.length > 0) await queue.addBulk(deliveryIds.map(deliverJob));
}

/**
 * Makes sure a pending delivery has a job that will run: a failed job (out of BullMQ attempts) is
 * retried, a finished one replaced, a missing one added; a waiting, delayed or running one is left.
 * Returns whether anything was queued.
 */
export async function requeueDelivery(queue: Queue, deliveryId: string): Promise<boolean> {
  const existing = await queue.getJob(jobId.deliverWebhook(deliveryId));
  const state = existing ? await existing.getState() : 'missing';
  if (state === 'failed') {
    await existing!.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }
  if (state === 'completed') await existing!.remove();
  if (state === 'completed' || state === 'missing' || state === 'unknown') {
    await queueDeliveries(queue, [deliveryId]);
    return true;
  }
  return false;
}

/** Pending deliveries overdue by more than `graceSeconds` (their job was lost or ran out of attempts). */
export async function overdueDeliveries(dataSource: DataSource, graceSeconds: number, limit = 200): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    dataSource,
    `SELECT id FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at < now() - make_interval(secs => $1)
      ORDER BY next_attempt_at LIMIT $2`,
    [graceSeconds, limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Removes the delivery jobs of deliveries that are finished (e.g. failed because their endpoint was
 * disabled), so they do not sit delayed until their next attempt. One that is running, or that
 * Redis did not answer for, stays: the deliverer skips a delivery that is not pending.
 */
export async function removeDeliveryJobs(queue: Queue, deliveryIds: readonly string[]): Promise<number> {
  let removed = 0;
  for (let start = 0; start < deliveryIds.length; start += 100) {
    const batch = deliveryIds.slice(start, start + 100);
    const results = await Promise.all(batch.map((id) => queue.remove(jobId.deliverWebhook(id))));
    removed += results.reduce((sum, result) => sum + result, 0);
  }
  return removed;
}

/** The API's producer of delivery jobs (redelivery); the worker's sweeper catches what Redis missed. */
@Injectable()
export class WebhookDeliveryJobs {
  constructor(private readonly producer: QueueProducer) {}

  /** Best effort: false when Redis did not answer in time (the worker's sweeper will queue it). */
  requeue(deliveryId: string): Promise<boolean> {
    return this.producer.tryAdd(QueueName.WEBHOOKS, `delivery ${deliveryId}`, (queue) =>
      requeueDelivery(queue, deliveryId),
    );
  }

  /** Best effort (see `removeDeliveryJobs`): false when Redis did not answer in time. */
  remove(deliveryIds: readonly string[]): Promise<boolean> {
    if (deliveryIds.length === 0) return Promise.resolve(true);
    return this.producer.tryRun(QueueName.WEBHOOKS, `removing ${deliveryIds.length} delivery jobs`, (queue) =>
      removeDeliveryJobs(queue, deliveryIds),
    );
  }
}
