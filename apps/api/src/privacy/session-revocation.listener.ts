import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { sessionRevocationChannel } from '@app/erasure';
import { RedisConnection } from '@app/redis';
import { ViewerService } from '../auth/viewer.service';
import { LiveConnections } from '../notifications/live-connections.service';

/**
 * Makes this replica forget an erased account's cached "active" answer, and close its live
 * connections, as soon as any replica erases it.
 */
@Injectable()
export class SessionRevocationListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionRevocationListener.name);
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis: RedisConnection,
    private readonly viewers: ViewerService,
    private readonly connections: LiveConnections,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const subscriber = this.redis.duplicate();
    subscriber.on('message', (_channel: string, accountId: string) => {
      this.viewers.forget(accountId);
      this.connections.closeAll(accountId);
    });
    // Not awaited: a Redis outage must not stop the API from starting (ioredis subscribes once connected).
    subscriber
      .subscribe(sessionRevocationChannel(this.config.REDIS_PREFIX))
      .catch((error: unknown) => this.logger.warn(`session revocations unavailable: ${(error as Error).message}`));
    this.subscriber = subscriber;
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    this.subscriber = null;
  }
}
