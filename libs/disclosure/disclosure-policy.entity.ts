import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Account } from '@app/accounts';
import { Intent } from '@app/intents';

/** Which vault items each stage of one intent releases. No row: nothing beyond the coarse location. */
@Entity({ name: 'disclosure_policies' })
@Index('disclosure_policies_individual_idx', ['individualId'])
export class DisclosurePolicy {
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

  @Column({ name: 'broadcast_keys', type: 'text', array: true, default: () => "'{}'" })
  broadcastKeys: string[];

  @Column({ name: 'offer_keys', type: 'text', array: true, default: () => "'{}'" })
  offerKeys: string[];

  @Column({ name: 'award_keys', type: 'text', array: true, default: () => "'{}'" })
  awardKeys: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
