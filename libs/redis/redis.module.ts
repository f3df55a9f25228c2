import { Module } from '@nestjs/common';
import { RedisConnection } from './redis-connection';

/** The shared Redis connection (pub/sub, erasure of traces). */
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
