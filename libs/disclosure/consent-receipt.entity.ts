import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from '@app/accounts';
import { DisclosureGrant } from './disclosure-grant.entity';
import type { KantaraConsentReceipt } from './consent-receipt';

/** The receipt issued for one disclosure grant. Append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'consent_receipts' })
@Index('consent_receipts_individual_idx', ['individualId', 'createdAt', 'id'])
export class ConsentReceipt {
  /** Also the receipt's `consentReceiptID`. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @ManyToOne(() => Account, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'individual_id' })
  individual?: Account;

  @Index('consent_receipts_grant_key', { unique: true })
  @Column({ name: 'grant_id', type: 'uuid' })
  grantId: string;

  @ManyToOne(() => DisclosureGrant, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'grant_id' })
  grant?: DisclosureGrant;

  @Column({ type: 'jsonb' })
  document: KantaraConsentReceipt;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
