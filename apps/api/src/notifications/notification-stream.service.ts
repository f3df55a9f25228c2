import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { AppConfig } from '@app/config';
import { type DeliveredNotification, type NotificationRecipient, notificationChannel } from '@app/notifications';
import { RedisConnection } from '@app/redis';

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

  /**
   * Every notification addressed to the recipient from now on, until the iterator is returned.
   * `onArrival` sees each one as soon as it arrives, before the subscription pulls it: GraphQL filters
   * and resolves one event at a time per subscriber, so a lookup started only then would queue behind
   * the previous event's; started on arrival, the lookups of a burst run (and batch) together.
   */
  of(
    recipient: NotificationRecipient,
    onArrival?: (notification: DeliveredNotification) => void,
  ): AsyncIterableIterator<DeliveredNotification> {
    const channel = notificationChannel(this.config.REDIS_PREFIX, recipient);
    const events = this.pubsub.asyncIterableIterator<DeliveredNotification>(channel);
    if (!onArrival) return events as AsyncIterableIterator<DeliveredNotification>;
    // Subscribed before the iterator's own listener, so it runs first for each message.
    const arrivals = this.pubsub.subscribe(channel, onArrival);
    const stopArrivals = () => {
      void arrivals.then((id) => this.pubsub.unsubscribe(id)).catch(() => undefined);
    };
    const iterator: AsyncIterableIterator<DeliveredNotification> = {
      next: () => events.next() as Promise<IteratorResult<DeliveredNotification>>,
      return: () => {
        stopArrivals();
        return events.return!() as Promise<IteratorResult<DeliveredNotification>>;
      },
      throw: (error?: unknown) => {
        stopArrivals();
        return events.throw!(error) as Promise<IteratorResult<DeliveredNotification>>;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** After the GraphQL server (and its WebSocket subscriptions) stopped in onModuleDestroy. */
  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.pubsub.getSubscriber();
    await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
