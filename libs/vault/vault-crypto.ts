import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for the vault, on node:crypto AES-256-GCM only.
 *
 * - Each individual has a random 256-bit data key; it is stored wrapped (encrypted) by the master
 *   key from VAULT_MASTER_KEY, with the individual's id as additional authenticated data (AAD).
 * - Each item value is encrypted with the data key, a fresh random 96-bit IV, and AAD binding the
 *   ciphertext to (individual id, item key): a row copied to another individual or another key
 *   fails authentication instead of decrypting.
 * - Destroying the wrapped data key makes every value (and every copy of it) unreadable.
 *
 * Sealed format: [format byte][12-byte IV][16-byte tag][ciphertext].
 */
const ALGORITHM = 'aes-256-gcm';
const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class VaultCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultCryptoError';
  }
}

/** Decodes VAULT_MASTER_KEY (standard base64 of exactly 32 bytes). */
export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== base64) {
    throw new VaultCryptoError('VAULT_MASTER_KEY must be the base64 encoding of exactly 32 bytes');
  }
  return key;
}

/** A short public fingerprint of the master key, stored next to each wrapped key (rotation, wrong-key errors). */
export function masterKeyId(masterKey: Buffer): string {
  return createHash('sha256').update('intentcast.vault.master-key-id\0').update(masterKey).digest('hex').slice(0, 16);
}

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

const keyAad = (individualId: string) => Buffer.from(`intentcast.vault.key.v1\0${individualId}`, 'utf8');

const itemAad = (individualId: string, itemKey: string) =>
  Buffer.from(`intentcast.vault.item.v1\0${individualId}\0${itemKey}`, 'utf8');

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new VaultCryptoError('key must be 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), ciphertext]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new VaultCryptoError('key must be 32 bytes');
  if (sealed.length < HEADER_BYTES || sealed[0] !== FORMAT_V1) throw new VaultCryptoError('unknown sealed format');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new VaultCryptoError('authentication failed: wrong key, or the ciphertext was moved or altered');
  }
}

export function wrapDataKey(masterKey: Buffer, dataKey: Buffer, individualId: string): Buffer {
  return seal(masterKey, dataKey, keyAad(individualId));
}

export function unwrapDataKey(masterKey: Buffer, wrapped: Buffer, individualId: string): Buffer {
  const dataKey = open(masterKey, wrapped, keyAad(individualId));
  if (dataKey.length !== KEY_BYTES) throw new VaultCryptoError('wrapped key has the wrong length');
  return dataKey;
}

export function encryptValue(dataKey: Buffer, plaintext: string, individualId: string, itemKey: string): Buffer {
  return seal(dataKey, Buffer.from(plaintext, 'utf8'), itemAad(individualId, itemKey));
}

export function decryptValue(dataKey: Buffer, sealed: Buffer, individualId: string, itemKey: string): string {
  return open(dataKey, sealed, itemAad(individualId, itemKey)).toString('utf8');
}
