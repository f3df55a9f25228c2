import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Periodic upkeep that runs every `intervalMs` in each worker. Mostly a safety net: finds work whose
 * job was lost (Redis data loss, a producer that could not reach Redis, a job that ran out of
 * attempts) and queues it again under its deterministic job id; also housekeeping that queues
 * nothing (the outbox pruner). Runs never overlap; a failing run is logged and tried next time.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  protected abstract readonly intervalMs: number;
  /** Also sweep once at start-up. */
  protected readonly sweepOnStart: boolean = false;

  /** Queues what was lost; returns how many jobs it queued. */
  abstract sweep(): Promise<number>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    if (this.sweepOnStart) this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private wake(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .then((queued) => {
        if (queued > 0) this.logger.warn(`queued ${queued} job(s) again`);
      })
      .catch((error: unknown) => this.logger.warn(`sweep failed: ${(error as Error).message}`))
      .finally(() => {
        this.sweeping = null;
      });
  }
}
