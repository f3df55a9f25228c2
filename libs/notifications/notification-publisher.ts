import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { RedisConnection } from '@app/redis';
import type { DeliveredNotification } from './notification';
import { notificationChannel, publishedMarkerKey } from './notification-channels';

/** How long a published marker is kept: far longer than any outbox resend. */
const MARKER_TTL_SECONDS = 7 * 24 * 3600;

/** Publishes only if the marker was not there: one message per notification however often it is resent. */
const PUBLISH_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then
  return redis.call('PUBLISH', KEYS[2], ARGV[1])
end
return -1`;

/**
 * Pushes notifications to the live subscribers of whichever API replica holds them (Redis pub/sub).
 * Idempotent per notification id: the outbox relay may resend a batch after a crash.
 */
@Injectable()
export class NotificationPublisher {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {}

  async publish(notifications: readonly DeliveredNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    const prefix = this.config.REDIS_PREFIX;
    const pipeline = this.redis.client.pipeline();
    for (const notification of notifications) {
      pipeline.eval(
        PUBLISH_ONCE,
        2,
        publishedMarkerKey(prefix, notification.id),
        notificationChannel(prefix, notification),
        JSON.stringify(notification),
        MARKER_TTL_SECONDS,
      );
    }
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0] as Error;
  }
}
