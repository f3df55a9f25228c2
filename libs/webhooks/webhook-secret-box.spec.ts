import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '@app/config';
import { WebhookSecretBox, deriveSecretKey, openSecret, sealSecret } from './webhook-secret-box';
import { newSigningSecret } from './webhook-message';

const env = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/intentcast',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

describe('webhook secret box', () => {
  it('seals a secret so only the same endpoint, under the same master key, opens it', () => {
    const master = randomBytes(32);
    const key = deriveSecretKey(master);
    expect(key.equals(master)).toBe(false);
    const endpointId = randomUUID();
    const secret = newSigningSecret();
    const sealed = sealSecret(key, endpointId, secret);
    expect(sealed.toString('latin1')).not.toContain(secret.slice(6, 20));
    expect(openSecret(key, endpointId, sealed)).toBe(secret);
    expect(() => openSecret(key, randomUUID(), sealed)).toThrow(/authentication failed/);
    expect(() => openSecret(deriveSecretKey(randomBytes(32)), endpointId, sealed)).toThrow(/authentication failed/);
  });

  it('uses VAULT_MASTER_KEY, and refuses to work without one', () => {
    const box = new WebhookSecretBox(loadConfig({ ...env, VAULT_MASTER_KEY: randomBytes(32).toString('base64') }));
    const endpointId = randomUUID();
    const { sealed, keyId } = box.seal(endpointId, 'whsec_abc');
    expect(box.open(endpointId, sealed, keyId)).toBe('whsec_abc');
    expect(() => box.open(endpointId, sealed, 'another-key')).toThrow(/master key/);
    expect(() => new WebhookSecretBox(loadConfig(env)).seal(endpointId, 'whsec_abc')).toThrow(/VAULT_MASTER_KEY/);
  });
});
