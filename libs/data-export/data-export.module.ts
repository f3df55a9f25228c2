import { Module } from '@nestjs/common';
import { VaultModule } from '@app/vault';
import { DataExportService } from './data-export.service';

/** The individual's data export. */
@Module({ imports: [VaultModule], providers: [DataExportService], exports: [DataExportService] })
export class DataExportModule {}
