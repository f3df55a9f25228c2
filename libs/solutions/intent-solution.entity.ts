import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Intent } from '@app/intents/intent.entity';

/** One offer taken into a solution, at the version the solver priced. */
export interface SolutionSelection {
  offerId: string;
  offerVersionId: string;
  vendorId: string;
  componentIds: string[];
  /** Minor units. */
  price: string;
  isBundle: boolean;
}

export interface SolutionVendorShare {
  vendorId: string;
  offerIds: string[];
  subtotal: string;
}

/** A combination of offers covering an intent's components; rank 1 is the cheapest found. */
@Entity({ name: 'intent_solutions' })
@Index('intent_solutions_intent_rank_key', ['intentId', 'rank'], { unique: true })
export class IntentSolution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'intent_id', type: 'uuid' })
  intentId: string;

  @ManyToOne(() => Intent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @Column({ type: 'integer' })
  rank: number;

  @Column({ name: 'total_minor', type: 'bigint' })
  totalMinor: string;

  @Column({ type: 'character', length: 3 })
  currency: string;

  /** Against buying each component's cheapest single price; null when some component has none. */
  @Column({ name: 'saving_minor', type: 'bigint', nullable: true })
  savingMinor: string | null;

  @Column({ name: 'proven_optimal', type: 'boolean' })
  provenOptimal: boolean;

  @Column({ type: 'jsonb' })
  selections: SolutionSelection[];

  @Column({ type: 'jsonb' })
  vendors: SolutionVendorShare[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
