import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { AppConfig } from '@app/config';
import type { DeliveredNotification, NotificationRecipient } from '@app/notifications/notification';
import { notificationChannel } from '@app/notifications/notification-channels';
import { RedisConnection } from '@app/queues/redis-connection';

/**
 * The notifications of the recipients connected to this replica, from Redis pub/sub (the worker
 * publishes them): whichever replica a client is connected to gets its events.
 */
@Injectable()
export class NotificationStream implements OnApplicationShutdown {
  private readonly pubsub: RedisPubSub;

  constructor(
    redis: RedisConnection,
    private readonly config: AppConfig,
  ) {
    // One subscriber connection per replica; channels are reference-counted across clients.
    this.pubsub = new RedisPubSub({ publisher: redis.client, subscriber: redis.duplicate() });
  }

  /** Every notification addressed to the recipient from now on, until the iterator is returned. */
  of(recipient: NotificationRecipient): AsyncIterableIterator<DeliveredNotification> {
    return this.pubsub.asyncIterableIterator<DeliveredNotification>(
      notificationChannel(this.config.REDIS_PREFIX, recipient),
    ) as AsyncIterableIterator<DeliveredNotification>;
  }

  /** After the GraphQL server (and its WebSocket subscriptions) stopped in onModuleDestroy. */
  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.pubsub.getSubscriber();
    await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
