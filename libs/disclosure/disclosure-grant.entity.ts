import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '@app/accounts';
import { Intent } from '@app/intents';
import { Vendor } from '@app/vendors';
import type { DisclosureStage } from './disclosure-stages';

/**
 * One disclosure: these vault items, of this individual, to this vendor, for this intent and stage.
 * Immutable apart from its end; a change of items ends it and starts a new one (with a new receipt).
 */
@Entity({ name: 'disclosure_grants' })
@Index('disclosure_grants_individual_idx', ['individualId', 'createdAt', 'id'])
@Index('disclosure_grants_intent_vendor_idx', ['intentId', 'vendorId'])
@Index('disclosure_grants_active_key', ['intentId', 'vendorId', 'stage'], { unique: true, where: 'ended_at IS NULL' })
@Check('disclosure_grants_stage_known', `stage IN ('broadcast', 'offer', 'award')`)
export class DisclosureGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'individual_id' })
  individual?: Account;

  @Column({ name: 'intent_id', type: 'uuid' })
  intentId: string;

  @ManyToOne(() => Intent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  @Column({ type: 'text' })
  stage: DisclosureStage;

  @Column({ name: 'item_keys', type: 'text', array: true })
  itemKeys: string[];

  @Column({ type: 'text' })
  purpose: string;

  /** Version of the intent's privacy terms the grant was made under. */
  @Column({ name: 'terms_version', type: 'integer' })
  termsVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** GrantEndReason. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;

  /** The individual revoked the vendor's access on this intent: later reads are refused (and logged). */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
