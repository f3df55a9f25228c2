import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Intent } from '@app/intents';

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

  /**
   * How much less than buying each required component at its cheapest single-component offer; never
   * negative (0 when it costs as much or more); null when some required component has no single offer.
   */
  @Column({ name: 'saving_minor', type: 'bigint', nullable: true })
  savingMinor: string | null;

  /** This total minus rank 1's: 0 on rank 1. */
  @Column({ name: 'extra_over_best_minor', type: 'bigint', default: 0 })
  extraOverBestMinor: string;

  @Column({ name: 'proven_optimal', type: 'boolean' })
  provenOptimal: boolean;

  @Column({ type: 'jsonb' })
  selections: SolutionSelection[];

  @Column({ type: 'jsonb' })
  vendors: SolutionVendorShare[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
