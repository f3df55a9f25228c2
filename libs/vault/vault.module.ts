import { Module } from '@nestjs/common';
import { VaultService } from './vault.service';

/** The individual's encrypted vault. */
@Module({ providers: [VaultService], exports: [VaultService] })
export class VaultModule {}
