import { Vendor } from '@app/vendors';
import { Offer, OfferVersion } from '@app/offers';
import { Intent } from '@app/intents';
import { Account } from '@app/accounts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum EngagementStatus {
  ACTIVE = 'active',
  COMPLETED = 'completed',
  CANCELLED = 'cancelled',
}

/** A vendor engaged to deliver the components it won, at the accepted offer version's terms. */
@Entity({ name: 'engagements' })
@Index('engagements_intent_idx', ['intentId'])
@Index('engagements_vendor_idx', ['vendorId', 'createdAt', 'id'])
@Index('engagements_individual_idx', ['individualId', 'createdAt', 'id'])
@Index('engagements_offer_key', ['offerId'], { unique: true })
export class Engagement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'intent_id', type: 'uuid' })
  intentId: string;

  @ManyToOne(() => Intent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @Column({ name: 'offer_id', type: 'uuid' })
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offer_id' })
  offer?: Offer;

  @Column({ name: 'offer_version_id', type: 'uuid' })
  offerVersionId: string;

  @ManyToOne(() => OfferVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offer_version_id' })
  offerVersion?: OfferVersion;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'individual_id' })
  individual?: Account;

  @Column({ name: 'component_ids', type: 'uuid', array: true })
  componentIds: string[];

  @Column({ name: 'total_minor', type: 'bigint' })
  totalMinor: string;

  @Column({ type: 'character', length: 3 })
  currency: string;

  @Column({ type: 'text', enum: EngagementStatus, enumName: 'engagement_status', default: EngagementStatus.ACTIVE })
  status: EngagementStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
