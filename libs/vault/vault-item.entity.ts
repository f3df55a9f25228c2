import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Account } from '@app/accounts';
import { Sensitivity } from './vault-item-keys';

/** One personal data item. The value is only ever stored sealed (AES-256-GCM under the individual's data key). */
@Entity({ name: 'vault_items' })
@Index('vault_items_individual_key_key', ['individualId', 'itemKey'], { unique: true })
@Check('vault_items_sensitivity_known', `sensitivity IN ('basic', 'contact', 'financial', 'health', 'identity')`)
export class VaultItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'individual_id' })
  individual?: Account;

  /** `legal_name`, `email`, `phone`, `postal_address`, `date_of_birth` or `custom.<name>`. */
  @Column({ name: 'item_key', type: 'text' })
  itemKey: string;

  @Column({ type: 'text' })
  sensitivity: Sensitivity;

  @Column({ name: 'sealed_value', type: 'bytea' })
  sealedValue: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
