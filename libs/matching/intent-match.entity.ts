import { Vendor } from '@app/vendors';
import { Intent } from '@app/intents';
import type { FamilyRelation } from './category-family';
import type { MatchBasis, WordMatchKind } from './match-scoring';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** One need word the vendor holds, as stored in reasons. */
export interface StoredWordMatch {
  /** The word as the individual typed it. */
  word: string;
  /** The vendor's lexeme it reached ("organ" for "orgen"). */
  lexeme: string;
  kind: WordMatchKind;
  /** The vendor word a misspelt or run-together word was read as (SPELLING, COMPOUND). */
  readAs?: string;
  /** In the vendor's name or keywords (else only its description). */
  named: boolean;
  /** How many vendors in reach of the intent hold the lexeme: why the word counts. */
  vendorsInReach: number;
}

/**
 * Why a vendor was matched (jsonb). Rows written before MatchBasis existed have no `basis`: a
 * category makes them CATEGORY, else NEED_WORDS.
 */
export interface MatchReasons {
  basis?: MatchBasis;
  /** The vendor's category that fits (CATEGORY). */
  categoryCode?: string | null;
  /** How the vendor's category relates to the need's (CATEGORY). */
  relation?: FamilyRelation | null;
  /** The need's category (CATEGORY, CATEGORY_WORDS). */
  needCategoryCode?: string | null;
  /** The component (need) the vendor was matched to. */
  componentId?: string | null;
  distanceKm?: number | null;
  /** The intent's words (as typed) the vendor holds, or the category phrase (CATEGORY_WORDS). */
  words?: string[];
  wordMatches?: StoredWordMatch[];
  /** Vendors that reach the intent, among whom word specificity was measured. */
  vendorsInReach?: number | null;
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
