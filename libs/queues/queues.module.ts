import { Module } from '@nestjs/common';
import { QueueProducer } from './queue-producer';

/** Adds jobs from processes that only produce them. */
@Module({ providers: [QueueProducer], exports: [QueueProducer] })
export class QueuesModule {}
