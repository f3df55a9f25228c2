import { randomBytes } from 'node:crypto';
import { loadConfig } from '@app/config';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/intentcast',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

describe('VAULT_MASTER_KEY configuration', () => {
  it('is required in production and must be base64 of 32 bytes', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/VAULT_MASTER_KEY/);
    expect(() => loadConfig({ ...base, VAULT_MASTER_KEY: randomBytes(16).toString('base64') })).toThrow(
      /exactly 32 bytes/,
    );
    expect(() => loadConfig({ ...base, VAULT_MASTER_KEY: 'A'.repeat(43) + '=' })).not.toThrow();
    const key = randomBytes(32).toString('base64');
    expect(loadConfig({ ...base, NODE_ENV: 'production', VAULT_MASTER_KEY: key }).VAULT_MASTER_KEY).toBe(key);
  });

  it('may be left out outside production (the vault then refuses to work)', () => {
    expect(loadConfig(base).VAULT_MASTER_KEY).toBeUndefined();
  });

  it('checks the consent receipt settings', () => {
    expect(() => loadConfig({ ...base, PRIVACY_POLICY_URL: 'not a url' })).toThrow(/PRIVACY_POLICY_URL/);
    expect(() => loadConfig({ ...base, PRIVACY_JURISDICTION: 'Britain' })).toThrow(/PRIVACY_JURISDICTION/);
  });
});
