import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Account } from '@app/accounts';
import { Intent } from '@app/intents';
import { Vendor } from '@app/vendors';

export interface PrivacyTermsValues {
  /** The vendor may not use disclosed data for marketing. */
  noMarketing: boolean;
  /** The vendor may not sell or pass on disclosed data. */
  noResale: boolean;
  /** Days the vendor may keep disclosed data after the engagement ends. */
  retentionDays: number;
}

/** Terms that apply when no terms were stated: the strictest sensible defaults. */
export const DEFAULT_TERMS: PrivacyTermsValues = { noMarketing: true, noResale: true, retentionDays: 90 };

/** Version of the defaults; the first terms an individual states are version 2. */
export const DEFAULT_TERMS_VERSION = 1;

/** The individual's terms for vendors on one intent. Every change is a new version vendors must accept. */
@Entity({ name: 'intent_privacy_terms' })
export class IntentPrivacyTerms implements PrivacyTermsValues {
  @PrimaryColumn({ name: 'intent_id', type: 'uuid' })
  intentId: string;

  @OneToOne(() => Intent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'individual_id' })
  individual?: Account;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'no_marketing', type: 'boolean' })
  noMarketing: boolean;

  @Column({ name: 'no_resale', type: 'boolean' })
  noResale: boolean;

  @Column({ name: 'retention_days', type: 'integer' })
  retentionDays: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A vendor accepted one version of an intent's terms; required before it sees any disclosed item. */
@Entity({ name: 'privacy_terms_acceptances' })
export class PrivacyTermsAcceptance {
  @PrimaryColumn({ name: 'intent_id', type: 'uuid' })
  intentId: string;

  @ManyToOne(() => Intent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @PrimaryColumn({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The terms as accepted. */
  @Column({ type: 'jsonb' })
  terms: PrivacyTermsValues;

  @CreateDateColumn({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;
}
