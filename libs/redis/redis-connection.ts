import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '@app/config';

/** ioredis options shared by every connection: BullMQ workers need maxRetriesPerRequest null. */
export const REDIS_OPTIONS: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true };

/** One general-purpose Redis client per process (health checks, pub/sub publishing). */
@Injectable()
export class RedisConnection implements OnModuleDestroy {
  readonly client: Redis;

  constructor(private readonly config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, REDIS_OPTIONS);
    // Errors surface through health checks and failed commands; an unhandled 'error' event would crash.
    this.client.on('error', () => undefined);
  }

  /** A new connection with the same settings (subscribers need their own). */
  duplicate(): Redis {
    const client = new Redis(this.config.REDIS_URL, REDIS_OPTIONS);
    client.on('error', () => undefined);
    return client;
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
