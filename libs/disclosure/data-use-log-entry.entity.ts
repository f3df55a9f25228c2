import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '@app/accounts';
import { Intent } from '@app/intents';
import { Vendor } from '@app/vendors';

export enum DataUseOutcome {
  READ = 'read',
  DENIED = 'denied',
}

/**
 * One vendor read (or refused read) of an individual's personal data, written in the same
 * transaction as the read. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'data_use_log' })
@Index('data_use_log_individual_idx', ['individualId', 'createdAt', 'id'])
@Index('data_use_log_individual_vendor_idx', ['individualId', 'vendorId', 'createdAt', 'id'])
@Index('data_use_log_individual_intent_idx', ['individualId', 'intentId', 'createdAt', 'id'])
@Check('data_use_log_outcome_known', `outcome IN ('read', 'denied')`)
export class DataUseLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @ManyToOne(() => Account, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'individual_id' })
  individual?: Account;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => Vendor, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  @Column({ name: 'intent_id', type: 'uuid' })
  intentId: string;

  @ManyToOne(() => Intent, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  /** The items returned (read) or asked for (denied). */
  @Column({ name: 'item_keys', type: 'text', array: true })
  itemKeys: string[];

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  outcome: DataUseOutcome;

  /** Why a read was refused: revoked, erased, terms_not_accepted. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  /** The API field the read came through, e.g. `Intent.disclosedItems`. */
  @Column({ name: 'access_path', type: 'text' })
  accessPath: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
