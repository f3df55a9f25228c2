import { Vendor } from '@app/vendors';
import { Intent } from '@app/intents';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum OfferStatus {
  ACTIVE = 'active',
  WITHDRAWN = 'withdrawn',
  ACCEPTED = 'accepted',
  /** Another offer won the component(s) this one priced. */
  LOST = 'lost',
  EXPIRED = 'expired',
}

/** An offer is the stable identity; its terms live in immutable versions. */
@Entity({ name: 'offers' })
@Index('offers_intent_idx', ['intentId', 'createdAt', 'id'])
@Index('offers_vendor_idx', ['vendorId', 'createdAt', 'id'])
export class Offer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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

  @Column({ type: 'text', enum: OfferStatus, enumName: 'offer_status', default: OfferStatus.ACTIVE })
  status: OfferStatus;

  @Column({ name: 'current_version', type: 'integer', default: 1 })
  currentVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
