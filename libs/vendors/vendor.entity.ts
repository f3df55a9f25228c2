import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Account } from '@app/accounts';

export enum VerificationState {
  UNVERIFIED = 'unverified',
  PENDING = 'pending',
  VERIFIED = 'verified',
}

@Entity({ name: 'vendors' })
export class Vendor {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('vendors_account_key', { unique: true })
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @OneToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** ISO 639-1 codes. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  /** Category codes; a GIN index serves "vendors in category X". */
  @Index('vendors_categories_idx', { synchronize: false })
  @Column({ name: 'category_codes', type: 'text', array: true, default: () => "'{}'" })
  categoryCodes: string[];

  @Column({ name: 'service_lat', type: 'double precision', nullable: true })
  serviceLat: number | null;

  @Column({ name: 'service_lng', type: 'double precision', nullable: true })
  serviceLng: number | null;

  @Column({ name: 'service_radius_km', type: 'integer', nullable: true })
  serviceRadiusKm: number | null;

  /**
   * Full-text document (name and keywords weighted A, description B), kept current by a trigger;
   * triggers copy its lexemes to vendor_match_terms and its words to vendor_words for matching.
   */
  @Index('vendors_search_idx', { synchronize: false })
  @Column({ name: 'search_document', type: 'tsvector', select: false, insert: false, update: false, nullable: true })
  searchDocument?: string;

  @Column({
    type: 'text',
    enum: VerificationState,
    enumName: 'verification_state',
    default: VerificationState.UNVERIFIED,
  })
  verification: VerificationState;

  /** Placeholder until reviews exist: average of 1-5 stars, null when unrated. */
  @Column({ name: 'rating_average', type: 'double precision', nullable: true })
  ratingAverage: number | null;

  @Column({ name: 'rating_count', type: 'integer', default: 0 })
  ratingCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
