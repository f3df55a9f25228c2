import { Offer } from './offer.entity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export interface OfferLine {
  componentId: string;
  /** Price of this component alone, in minor units; null on bundle lines that are only sold together. */
  amountMinor: string | null;
  description: string;
}

/** Immutable terms of one revision of an offer. */
@Check('offer_versions_total_non_negative', 'total_minor >= 0')
@Entity({ name: 'offer_versions' })
@Index('offer_versions_offer_version_key', ['offerId', 'version'], { unique: true })
export class OfferVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'offer_id', type: 'uuid' })
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'offer_id' })
  offer?: Offer;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'total_minor', type: 'bigint' })
  totalMinor: string;

  @Column({ type: 'character', length: 3 })
  currency: string;

  /** Only valid if taken whole (all lines together at the total). */
  @Column({ name: 'is_bundle', type: 'boolean', default: false })
  isBundle: boolean;

  @Column({ type: 'jsonb' })
  lines: OfferLine[];

  @Column({ type: 'text', default: '' })
  message: string;

  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
