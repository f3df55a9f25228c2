import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type Viewer, requireIndividual } from '@app/accounts';
import { type Page, notFound, requireId } from '@app/common';
import { type PageRequest, keysetPage } from '@app/database';
import { ConsentReceipt } from './consent-receipt.entity';

/** The individual's consent receipts (issued by DisclosureGrantsService with each grant). */
@Injectable()
export class ConsentReceiptsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(viewer: Viewer, page: PageRequest): Promise<Page<ConsentReceipt>> {
    const query = this.dataSource
      .getRepository(ConsentReceipt)
      .createQueryBuilder('receipt')
      .where('receipt.individual_id = :individualId', {
        individualId: requireIndividual(viewer, 'manage disclosures'),
      });
    return keysetPage(query, 'receipt', page);
  }

  async find(viewer: Viewer, id: string): Promise<ConsentReceipt> {
    const receipt = await this.dataSource
      .getRepository(ConsentReceipt)
      .findOne({ where: { id: requireId(id), individualId: requireIndividual(viewer, 'manage disclosures') } });
    if (!receipt) throw notFound('Consent receipt');
    return receipt;
  }

  /** Receipts of grants the caller may already see, for DataLoader batching. */
  async byGrantIds(grantIds: readonly string[]): Promise<ConsentReceipt[]> {
    if (grantIds.length === 0) return [];
    return this.dataSource.getRepository(ConsentReceipt).find({ where: { grantId: In([...grantIds]) } });
  }
}
