import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { JobName, type JobPayloads, QueueName } from '@app/queues';
import { type DeliveryOutcome, WebhookDeliverer, WebhookFanOut } from '@app/webhooks';

type WebhookJob =
  | Job<JobPayloads[JobName.FAN_OUT_WEBHOOKS], unknown, JobName.FAN_OUT_WEBHOOKS>
  | Job<JobPayloads[JobName.DELIVER_WEBHOOK], unknown, JobName.DELIVER_WEBHOOK>;

/**
 * The webhooks queue: fan-out (a notification becomes one delivery per endpoint) and delivery. A
 * delivery job sleeps in the delayed state between attempts; when its retry window is over it fails
 * (visible in BullMQ and, with every attempt, in the vendor's delivery log).
 */
@Processor(QueueName.WEBHOOKS, { concurrency: 16 })
export class WebhooksProcessor extends WorkerHost {
  constructor(
    private readonly fanOut: WebhookFanOut,
    private readonly deliverer: WebhookDeliverer,
  ) {
    super();
  }

  async process(job: WebhookJob, token?: string): Promise<unknown> {
    switch (job.name) {
      case JobName.FAN_OUT_WEBHOOKS:
        return { deliveries: await this.fanOut.fanOut(job.data as JobPayloads[JobName.FAN_OUT_WEBHOOKS]) };
      case JobName.DELIVER_WEBHOOK: {
        const { deliveryId } = job.data as JobPayloads[JobName.DELIVER_WEBHOOK];
        return this.settle(job, token, await this.deliverer.deliver(deliveryId));
      }
    }
  }

  private async settle(job: Job, token: string | undefined, outcome: DeliveryOutcome): Promise<unknown> {
    switch (outcome.kind) {
      case 'retry':
      case 'wait':
        await job.moveToDelayed(outcome.at.getTime(), token);
        throw new DelayedError();
      case 'failed':
        throw new UnrecoverableError(`delivery failed after ${outcome.attempt} attempts: ${outcome.error}`);
      case 'succeeded':
        return { status: 'succeeded', attempt: outcome.attempt };
      case 'skipped':
        return { status: 'skipped' };
    }
  }
}
