import { Module } from '@nestjs/common';
import { Jobs } from './jobs';

/** Jobs: the one way jobs are added (the API and the worker). */
@Module({ providers: [Jobs], exports: [Jobs] })
export class QueuesModule {}
