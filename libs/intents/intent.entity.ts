import { Category } from '@app/taxonomy';
import { Account } from '@app/accounts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AssemblyChange, AssemblyOutcome, SolutionConstraints } from './intent-assembly';
import type { IntentComponent } from './intent-component.entity';

export enum MatchingState {
  /** Open, waiting for the worker (also while Redis is down: the outbox holds it). */
  PENDING = 'pending',
  MATCHED = 'matched',
  /** The match job ran out of retries; its failure is kept in the queue's failed set. */
  FAILED = 'failed',
}

/** Where matching of an open intent stands; null for drafts. */
export interface MatchingOutcome {
  state: MatchingState;
  /** ISO time of the last change of state. */
  at: string;
  /** Vendors matched so far (MATCHED). */
  vendorCount?: number;
  /** Why the last attempt failed (FAILED), without personal data. */
  error?: string | null;
  /** Matching rounds: none (0) when the intent opened, one more each time its needs changed while open. */
  round?: number;
}

export enum IntentStatus {
  DRAFT = 'draft',
  OPEN = 'open',
  AWARDED = 'awarded',
  FULFILLED = 'fulfilled',
  WITHDRAWN = 'withdrawn',
  EXPIRED = 'expired',
}

@Check('intents_budget_non_negative', 'budget_minor IS NULL OR budget_minor >= 0')
@Check('intents_window_order', 'window_end IS NULL OR window_start IS NULL OR window_end >= window_start')
@Entity({ name: 'intents' })
@Index('intents_owner_created_idx', ['ownerId', 'createdAt', 'id'])
@Index('intents_open_expiry_idx', ['expiresAt'], { where: "status = 'open'" })
@Index('intents_assembly_pending_idx', ['assemblyRequestedAt'], {
  where: "status = 'open' AND assembly_requested_version > assembly_computed_version",
})
export class Intent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Account;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'category_code', type: 'text', nullable: true })
  categoryCode: string | null;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Category;

  @Column({ type: 'text', enum: IntentStatus, enumName: 'intent_status', default: IntentStatus.DRAFT })
  status: IntentStatus;

  /** What the individual typed (e.g. a postcode). Owner-only. */
  @Column({ name: 'location_text', type: 'text', nullable: true })
  locationText: string | null;

  /** Exact point, owner-only; vendors only ever see the coarse one. */
  @Column({ name: 'exact_lat', type: 'double precision', nullable: true })
  exactLat: number | null;

  @Column({ name: 'exact_lng', type: 'double precision', nullable: true })
  exactLng: number | null;

  @Column({ name: 'coarse_lat', type: 'double precision', nullable: true })
  coarseLat: number | null;

  @Column({ name: 'coarse_lng', type: 'double precision', nullable: true })
  coarseLng: number | null;

  /** Postcode district (outward code) or other coarse area label shown to vendors. */
  @Column({ name: 'coarse_area', type: 'text', nullable: true })
  coarseArea: string | null;

  @Column({ name: 'window_start', type: 'timestamptz', nullable: true })
  windowStart: Date | null;

  @Column({ name: 'window_end', type: 'timestamptz', nullable: true })
  windowEnd: Date | null;

  @Column({ name: 'budget_minor', type: 'bigint', nullable: true })
  budgetMinor: string | null;

  @Column({ name: 'budget_currency', type: 'character', length: 3, nullable: true })
  budgetCurrency: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Constraints for solution assembly (max vendors, min rating, excluded vendors); budget is the total cap. */
  @Column({ name: 'solution_constraints', type: 'jsonb', default: () => "'{}'" })
  solutionConstraints: SolutionConstraints;

  /** State of the last solution assembly, including why it is infeasible. */
  @Column({ name: 'assembly_outcome', type: 'jsonb', nullable: true })
  assemblyOutcome: AssemblyOutcome | null;

  /**
   * Bumped (see requestAssembly) in every transaction that changes what assembly reads: budget,
   * components, constraints, offers, vendor ratings, the intent closing.
   */
  @Column({ name: 'assembly_requested_version', type: 'integer', default: 0 })
  assemblyRequestedVersion: number;

  /** The requested version the stored solutions were computed from; lower than requested: pending. */
  @Column({ name: 'assembly_computed_version', type: 'integer', default: 0 })
  assemblyComputedVersion: number;

  @Column({ name: 'assembly_requested_at', type: 'timestamptz', nullable: true })
  assemblyRequestedAt: Date | null;

  /** The last change requested, for the message of a refused acceptSolution. */
  @Column({ name: 'assembly_requested_change', type: 'jsonb', nullable: true })
  assemblyRequestedChange: AssemblyChange | null;

  @Column({ name: 'matching_outcome', type: 'jsonb', nullable: true })
  matchingOutcome: MatchingOutcome | null;

  /** The life-event playbook the intent was started from, if any. */
  @Column({ name: 'playbook_code', type: 'text', nullable: true })
  playbookCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany('IntentComponent', 'intent')
  components?: IntentComponent[];
}
