import { Module } from '@nestjs/common';
import { DisclosureModule } from '@app/disclosure';
import { AwardsService } from './awards.service';

/** Awards and engagements. */
@Module({ imports: [DisclosureModule], providers: [AwardsService], exports: [AwardsService] })
export class AwardsModule {}
