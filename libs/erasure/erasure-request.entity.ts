import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from '@app/accounts';

export enum ErasureStatus {
  /** Requested: the account is locked; the worker has not scrubbed the database yet. */
  PENDING = 'pending',
  /** The database is scrubbed; queued jobs and Redis entries naming the individual are being removed. */
  SCRUBBED = 'scrubbed',
  COMPLETED = 'completed',
}

/** What an erasure did, as the final receipt reports it (counts only, nothing that identifies anyone). */
export interface ErasureSummary {
  vaultKeyDestroyed?: boolean;
  vaultItemsDeleted?: number;
  intentsAnonymised?: number;
  componentsAnonymised?: number;
  engagementsAnonymised?: number;
  disclosurePoliciesDeleted?: number;
  grantsEnded?: number;
  apiTokensDeleted?: number;
  idempotencyRecordsDeleted?: number;
  matchReasonsCleared?: number;
  queuedJobsRemoved?: number;
  redisKeysRemoved?: number;
  [step: string]: number | boolean | undefined;
}

/**
 * One "delete me". The id is the receipt id; the token that fetches the receipt is stored only as a
 * hash. `account_id` links the request to the person only until the erasure completes.
 */
@Entity({ name: 'erasure_requests' })
@Index('erasure_requests_unfinished_idx', ['requestedAt'], { where: "status <> 'completed'" })
@Check('erasure_requests_status_known', `status IN ('pending', 'scrubbed', 'completed')`)
export class ErasureRequest {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('erasure_requests_account_key', { unique: true, where: 'account_id IS NOT NULL' })
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Index('erasure_requests_token_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ type: 'text' })
  status: ErasureStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary: ErasureSummary;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
