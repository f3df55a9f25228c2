import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Viewer, requireIndividual } from '@app/accounts';
import { type Page, requireId } from '@app/common';
import { type PageRequest, keysetPage } from '@app/database';
import { DataUseLogEntry } from './data-use-log-entry.entity';

export interface DataUseLogFilter extends PageRequest {
  vendorId?: string | null;
  intentId?: string | null;
}

/** The individual's view of every vendor read of their data, newest first. */
@Injectable()
export class DataUseLogService {
  constructor(private readonly dataSource: DataSource) {}

  async list(viewer: Viewer, filter: DataUseLogFilter): Promise<Page<DataUseLogEntry>> {
    const query = this.dataSource
      .getRepository(DataUseLogEntry)
      .createQueryBuilder('entry')
      .where('entry.individual_id = :individualId', { individualId: requireIndividual(viewer, 'manage disclosures') });
    if (filter.vendorId)
      query.andWhere('entry.vendor_id = :vendorId', { vendorId: requireId(filter.vendorId, 'vendorId') });
    if (filter.intentId)
      query.andWhere('entry.intent_id = :intentId', { intentId: requireId(filter.intentId, 'intentId') });
    return keysetPage(query, 'entry', filter);
  }
}
