import { Module } from '@nestjs/common';
import { TaxonomyService } from './taxonomy.service';

/** The category taxonomy. */
@Module({ providers: [TaxonomyService], exports: [TaxonomyService] })
export class TaxonomyModule {}
