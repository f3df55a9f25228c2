import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { TaxonomyModule } from '@app/taxonomy';
import { VendorsService } from './vendors.service';

/** Vendor profiles. */
@Module({ imports: [AccountsModule, TaxonomyModule], providers: [VendorsService], exports: [VendorsService] })
export class VendorsModule {}
