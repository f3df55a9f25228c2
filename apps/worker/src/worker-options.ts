import type { Type } from '@nestjs/common';
import type { AppConfig } from '@app/config';

/** Where @Processor() keeps a processor's BullMQ worker options (@nestjs/bullmq's WORKER_METADATA). */
const WORKER_METADATA = 'bullmq:worker_metadata';

/**
 * Adds the configured lock settings to the worker options of these processors: a job whose worker
 * died (lock no longer renewed) goes back to the queue after about JOB_LOCK_MS. Must run before the
 * application is created, since @nestjs/bullmq builds the workers from this metadata at start-up.
 */
export function applyLockOptions(processors: Type[], config: AppConfig): void {
  for (const processor of processors) {
    const options: Record<string, unknown> = Reflect.getMetadata(WORKER_METADATA, processor) ?? {};
    Reflect.defineMetadata(
      WORKER_METADATA,
      { ...options, lockDuration: config.JOB_LOCK_MS, stalledInterval: config.JOB_LOCK_MS },
      processor,
    );
  }
}
