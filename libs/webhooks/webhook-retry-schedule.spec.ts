import fc from 'fast-check';
import { loadConfig } from '@app/config';
import {
  RETRY_JITTER,
  type RetryPolicy,
  nextAttemptAt,
  nominalRetryDelayMs,
  nominalSchedule,
  retryDelayMs,
  retryPolicy,
} from './webhook-retry-schedule';

const HOUR = 3600 * 1000;
const production = retryPolicy(
  loadConfig({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/intentcast',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: 'x'.repeat(32),
  }),
);

/** Runs the schedule as the deliverer does, with attempts taking `attemptMs` each. */
function simulate(policy: RetryPolicy, random: () => number, attemptMs = 0): number[] {
  const start = new Date(0);
  const attempts = [0];
  for (let failed = 1; ; failed += 1) {
    const failedAt = new Date(attempts[attempts.length - 1] + attemptMs);
    const next = nextAttemptAt(policy, start, failedAt, failed, random);
    if (!next) return attempts;
    attempts.push(next.getTime());
  }
}

describe('webhook retry schedule', () => {
  it('defaults: from one minute, doubling, at most 8 hours apart, for 72 hours', () => {
    expect(production).toEqual({ baseDelayMs: 60_000, maxDelayMs: 8 * HOUR, windowMs: 72 * HOUR });
    const delays = Array.from({ length: 12 }, (_, i) => nominalRetryDelayMs(i + 1, production) / 60_000);
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 480, 480, 480]);
    const offsets = nominalSchedule(production);
    expect(offsets[offsets.length - 1]).toBe(72 * HOUR);
    expect(offsets).toHaveLength(18);
  });

  it('jitters each wait within ±20% of its nominal value', () => {
    expect(retryDelayMs(3, production, () => 0)).toBe(Math.round(4 * 60_000 * (1 - RETRY_JITTER)));
    expect(retryDelayMs(3, production, () => 0.999999)).toBeLessThanOrEqual(4 * 60_000 * (1 + RETRY_JITTER));
    expect(retryDelayMs(3, production, () => 0.5)).toBe(4 * 60_000);
    const draws = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, production)));
    expect(draws.size).toBeGreaterThan(1);
  });

  it('grows with every retry before the cap, whatever the jitter draws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 20 }),
        (draws) => {
          let i = 0;
          const random = () => draws[i++ % draws.length];
          const delays = Array.from({ length: 9 }, (_, n) => retryDelayMs(n + 1, production, random));
          return delays.every((delay, n) => n === 0 || delay > delays[n - 1]);
        },
      ),
    );
  });

  it('keeps retrying for at least the whole window, then gives up', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (draw, attemptMs) => {
          const attempts = simulate(production, () => draw, attemptMs);
          const last = attempts[attempts.length - 1];
          // The last attempt is at the end of the window (or, when an attempt straddles it, just after).
          return last >= 72 * HOUR && last <= 72 * HOUR + attemptMs && attempts.length >= 15 && attempts.length <= 22;
        },
      ),
    );
  });

  it('fails at once when the failure comes after the window', () => {
    const start = new Date(0);
    expect(nextAttemptAt(production, start, new Date(72 * HOUR), 20)).toBeNull();
    expect(nextAttemptAt(production, start, new Date(72 * HOUR - 1000), 20)).toEqual(new Date(72 * HOUR));
  });
});

describe('webhook configuration', () => {
  const env = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/intentcast',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: 'x'.repeat(32),
  };
  const productionEnv = { ...env, NODE_ENV: 'production', VAULT_MASTER_KEY: 'A'.repeat(43) + '=' };

  it('may be shrunk for tests, but production retries for at least 72 hours and never calls loopback', () => {
    const shrunk = loadConfig({ ...env, WEBHOOK_RETRY_WINDOW_MS: '4000', WEBHOOK_ALLOW_LOOPBACK: 'true' });
    expect(shrunk.WEBHOOK_RETRY_WINDOW_MS).toBe(4000);
    expect(shrunk.WEBHOOK_ALLOW_LOOPBACK).toBe(true);
    expect(loadConfig(env).WEBHOOK_ALLOW_LOOPBACK).toBe(false);
    expect(() => loadConfig({ ...env, WEBHOOK_ALLOW_LOOPBACK: 'yes' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK/);
    expect(() => loadConfig({ ...productionEnv, WEBHOOK_RETRY_WINDOW_MS: '3600000' })).toThrow(/72 h/);
    expect(() => loadConfig({ ...productionEnv, WEBHOOK_ALLOW_LOOPBACK: 'true' })).toThrow(/production/);
    expect(loadConfig(productionEnv).WEBHOOK_RETRY_WINDOW_MS).toBe(72 * HOUR);
  });
});
