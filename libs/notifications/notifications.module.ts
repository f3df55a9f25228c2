import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { NotificationPublisher } from './notification-publisher';

/** Publishes notifications to live subscribers. */
@Module({ imports: [RedisModule], providers: [NotificationPublisher], exports: [NotificationPublisher] })
export class NotificationsModule {}
