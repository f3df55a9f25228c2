import { Module } from '@nestjs/common';
import { AwardsModule } from '@app/awards';
import { SolutionsService } from './solutions.service';

/** Assembled solutions. */
@Module({ imports: [AwardsModule], providers: [SolutionsService], exports: [SolutionsService] })
export class SolutionsModule {}
