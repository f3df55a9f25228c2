import { hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { KEY_BYTES, decryptValue, encryptValue, masterKeyId, parseMasterKey } from '@app/vault';

/**
 * Signing secrets at rest. They must be recoverable to sign, so they are sealed (AES-256-GCM) rather
 * than hashed, under a key derived from VAULT_MASTER_KEY for this purpose only (HKDF-SHA256), and
 * bound to their endpoint id: a sealed secret copied to another endpoint does not open.
 */
const KEY_INFO = 'intentcast.webhooks.signing-secret-key.v1';
const SECRET_SLOT = 'webhook.signing_secret';

export function deriveSecretKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), KEY_INFO, KEY_BYTES));
}

export const sealSecret = (key: Buffer, endpointId: string, secret: string): Buffer =>
  encryptValue(key, secret, endpointId, SECRET_SLOT);

export const openSecret = (key: Buffer, endpointId: string, sealed: Buffer): string =>
  decryptValue(key, sealed, endpointId, SECRET_SLOT);

@Injectable()
export class WebhookSecretBox {
  private derived: { key: Buffer; id: string } | null = null;

  constructor(private readonly config: AppConfig) {}

  /** The sealed secret and the fingerprint of the master key it was sealed under. */
  seal(endpointId: string, secret: string): { sealed: Buffer; keyId: string } {
    const { key, id } = this.key();
    return { sealed: sealSecret(key, endpointId, secret), keyId: id };
  }

  open(endpointId: string, sealed: Buffer, keyId: string): string {
    const { key, id } = this.key();
    if (keyId !== id) throw new Error(`webhook secret was sealed under master key ${keyId}, not the configured one`);
    return openSecret(key, endpointId, sealed);
  }

  private key(): { key: Buffer; id: string } {
    if (!this.derived) {
      if (!this.config.VAULT_MASTER_KEY) {
        throw new Error('VAULT_MASTER_KEY is not configured: webhook signing secrets cannot be sealed or opened');
      }
      const master = parseMasterKey(this.config.VAULT_MASTER_KEY);
      this.derived = { key: deriveSecretKey(master), id: masterKeyId(master) };
    }
    return this.derived;
  }
}
