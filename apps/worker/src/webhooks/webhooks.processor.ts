import { Processor } from '@nestjs/bullmq';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { JobName, QueueName } from '@app/queues';
import { type JobHandlers, JobProcessor } from '../job-processor';
import { type DeliveryOutcome, WebhookDeliverer, WebhookFanOut } from '@app/webhooks';

type WebhookJobs = JobName.FAN_OUT_WEBHOOKS | JobName.DELIVER_WEBHOOK;

/**
 * The webhooks queue: fan-out (a notification becomes one delivery per endpoint) and delivery. A
 * delivery job sleeps in the delayed state between attempts; when its retry window is over it fails
 * (visible in BullMQ and, with every attempt, in the vendor's delivery log).
 */
@Processor(QueueName.WEBHOOKS, { concurrency: 16 })
export class WebhooksProcessor extends JobProcessor<WebhookJobs> {
  protected readonly handlers: JobHandlers<WebhookJobs> = {
    [JobName.FAN_OUT_WEBHOOKS]: async (notification) => ({ deliveries: await this.fanOut.fanOut(notification) }),
    [JobName.DELIVER_WEBHOOK]: async ({ deliveryId }, job, token) =>
      this.settle(job, token, await this.deliverer.deliver(deliveryId)),
  };

  constructor(
    private readonly fanOut: WebhookFanOut,
    private readonly deliverer: WebhookDeliverer,
  ) {
    super();
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
