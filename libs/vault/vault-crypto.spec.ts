import { randomBytes, randomUUID } from 'node:crypto';
import {
  VaultCryptoError,
  decryptValue,
  encryptValue,
  masterKeyId,
  newDataKey,
  parseMasterKey,
  unwrapDataKey,
  wrapDataKey,
} from './vault-crypto';

describe('vault envelope encryption (AES-256-GCM)', () => {
  const master = randomBytes(32);
  const individual = randomUUID();

  it('round-trips a value, with a fresh IV every time', () => {
    const key = newDataKey();
    const first = encryptValue(key, 'Flat 2, 10 Park Row', individual, 'postal_address');
    const second = encryptValue(key, 'Flat 2, 10 Park Row', individual, 'postal_address');
    expect(first.equals(second)).toBe(false);
    expect(first.subarray(1, 13).equals(second.subarray(1, 13))).toBe(false);
    expect(decryptValue(key, first, individual, 'postal_address')).toBe('Flat 2, 10 Park Row');
    expect(first.toString('utf8')).not.toContain('Park Row');
  });

  it('binds a ciphertext to its individual and item key (rows cannot be swapped)', () => {
    const key = newDataKey();
    const sealed = encryptValue(key, '+44 7700 900123', individual, 'phone');
    expect(() => decryptValue(key, sealed, individual, 'email')).toThrow(VaultCryptoError);
    expect(() => decryptValue(key, sealed, randomUUID(), 'phone')).toThrow(VaultCryptoError);
  });

  it('detects tampering and the wrong key', () => {
    const key = newDataKey();
    const sealed = encryptValue(key, 'secret', individual, 'custom.notes');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decryptValue(key, tampered, individual, 'custom.notes')).toThrow(/authentication failed/);
    expect(() => decryptValue(newDataKey(), sealed, individual, 'custom.notes')).toThrow(VaultCryptoError);
    expect(() => decryptValue(key, sealed.subarray(0, 10), individual, 'custom.notes')).toThrow(/format/);
  });

  it('wraps data keys under the master key, bound to the individual', () => {
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(master, dataKey, individual);
    expect(unwrapDataKey(master, wrapped, individual).equals(dataKey)).toBe(true);
    expect(() => unwrapDataKey(master, wrapped, randomUUID())).toThrow(VaultCryptoError);
    expect(() => unwrapDataKey(randomBytes(32), wrapped, individual)).toThrow(VaultCryptoError);
  });

  it('accepts only a base64 master key of exactly 32 bytes, and fingerprints it', () => {
    const encoded = master.toString('base64');
    expect(parseMasterKey(encoded).equals(master)).toBe(true);
    expect(() => parseMasterKey(randomBytes(16).toString('base64'))).toThrow(VaultCryptoError);
    expect(() => parseMasterKey('not base64 at all!')).toThrow(VaultCryptoError);
    expect(masterKeyId(master)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(master)).not.toBe(masterKeyId(randomBytes(32)));
  });
});
