import { Vendor } from '@app/vendors/vendor.entity';
import { Intent } from '@app/intents/intent.entity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export interface MatchReasons {
  categoryCode?: string | null;
  distanceKm?: number | null;
  words?: string[];
}

/** A vendor was matched to an intent. The only way a vendor gets to see an intent. */
@Entity({ name: 'intent_matches' })
@Index('intent_matches_vendor_feed_idx', ['vendorId', 'createdAt', 'intentId'])
export class IntentMatch {
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

  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  reasons: MatchReasons;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true })
  declinedAt: Date | null;
}
