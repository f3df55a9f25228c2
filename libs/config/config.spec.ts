import { ConfigError, loadConfig } from './config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/intentcast',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

describe('configuration', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig({ ...valid, PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.REDIS_PREFIX).toBe('ic');
    expect(config.isProduction).toBe(false);
    expect(config.INTENT_DEFAULT_EXPIRY_DAYS).toBe(30);
    expect(loadConfig({ ...valid, INTENT_DEFAULT_EXPIRY_DAYS: '7' }).INTENT_DEFAULT_EXPIRY_DAYS).toBe(7);
    for (const days of ['0', '366', 'a month']) {
      expect(() => loadConfig({ ...valid, INTENT_DEFAULT_EXPIRY_DAYS: days })).toThrow(/INTENT_DEFAULT_EXPIRY_DAYS/);
    }
  });

  it('stops with a message naming every bad or missing value', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://nope', JWT_SECRET: 'short', PORT: 'eighty' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).toMatch(/REDIS_URL/);
    expect(message).toMatch(/JWT_SECRET: JWT_SECRET must be at least 32 characters/);
    expect(message).toMatch(/PORT/);
  });
});
