import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Vendor } from '@app/vendors';
import type { WebhookEventType } from './webhook-event-types';

/**
 * A URL of a vendor's that is POSTed the vendor's notifications, signed with the endpoint's secret
 * (Standard Webhooks). The secret is stored sealed (see webhook-secret-box.ts), never in the clear.
 */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_vendor_idx', ['vendorId', 'createdAt', 'id'])
@Index('webhook_endpoints_enabled_vendor_idx', ['vendorId'], { where: 'enabled' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  /** https (http only on loopback, when WEBHOOK_ALLOW_LOOPBACK is on); checked again at every attempt. */
  @Column({ type: 'text' })
  url: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes: WebhookEventType[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** The signing secret (`whsec_…`), sealed with a key derived from VAULT_MASTER_KEY and bound to the endpoint id. */
  @Column({ name: 'secret_sealed', type: 'bytea' })
  secretSealed: Buffer;

  /** Fingerprint of the master key that sealed the secrets. */
  @Column({ name: 'secret_key_id', type: 'text' })
  secretKeyId: string;

  /** After a rotation the old secret also signs, until previous_secret_expires_at, so receivers can switch over. */
  @Column({ name: 'previous_secret_sealed', type: 'bytea', nullable: true })
  previousSecretSealed: Buffer | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Millisecond precision, like the keyset cursors that page through it. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
