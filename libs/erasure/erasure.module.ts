import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { QueuesModule } from '@app/queues';
import { ErasureService } from './erasure.service';
import { ErasureJobs } from './erasure-jobs';
import { ErasureRunner } from './erasure-runner';

/** Erasure of an individual. */
@Module({
  imports: [RedisModule, QueuesModule],
  providers: [ErasureService, ErasureJobs, ErasureRunner],
  exports: [ErasureService, ErasureJobs, ErasureRunner],
})
export class ErasureModule {}
