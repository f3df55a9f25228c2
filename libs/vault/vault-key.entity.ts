import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Account } from '@app/accounts';

/**
 * An individual's data key, wrapped by the master key (see vault-crypto.ts). Deleting the row
 * destroys the key: every vault value of the individual, and every copy of one, becomes unreadable.
 */
@Entity({ name: 'vault_keys' })
export class VaultKey {
  @PrimaryColumn({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @OneToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'individual_id' })
  individual?: Account;

  @Column({ name: 'wrapped_key', type: 'bytea' })
  wrappedKey: Buffer;

  /** Fingerprint of the master key that wrapped it. */
  @Column({ name: 'master_key_id', type: 'text' })
  masterKeyId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
