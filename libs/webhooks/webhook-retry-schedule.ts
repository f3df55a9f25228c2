import type { AppConfig } from '@app/config';

/**
 * When a failed delivery is tried again: exponential backoff with jitter, for a window measured from
 * the first attempt, then the delivery fails. Pure; the worker passes its clock and randomness.
 *
 * Retry n (after n failed attempts) waits base * 2^(n-1), capped at maxDelay, times a random factor
 * in [1 - JITTER, 1 + JITTER). With JITTER 0.2 and doubling, each wait before the cap is longer than
 * the one before, whatever the draws (the shortest next wait, 1.6x, beats the longest, 1.2x). The last
 * retry is moved forward to the end of the window if it would fall after it; a failure at or after
 * the end of the window is final.
 */
export interface RetryPolicy {
  /** Wait before the first retry (WEBHOOK_RETRY_BASE_MS). */
  baseDelayMs: number;
  /** The longest wait (WEBHOOK_RETRY_MAX_DELAY_MS). */
  maxDelayMs: number;
  /** Retries continue this long after the first attempt (WEBHOOK_RETRY_WINDOW_MS). */
  windowMs: number;
}

export const RETRY_JITTER = 0.2;

export function retryPolicy(config: AppConfig): RetryPolicy {
  return {
    baseDelayMs: config.WEBHOOK_RETRY_BASE_MS,
    maxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS,
    windowMs: config.WEBHOOK_RETRY_WINDOW_MS,
  };
}

/** The wait before the next attempt, without jitter, after `failedAttempts` (>= 1) failures. */
export function nominalRetryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/** The wait before the next attempt, jittered; `random` returns a number in [0, 1). */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const factor = 1 - RETRY_JITTER + 2 * RETRY_JITTER * random();
  return Math.max(1, Math.round(nominalRetryDelayMs(failedAttempts, policy) * factor));
}

/**
 * When to try again after a failure at `failedAt`, the `failedAttempts`-th of the window that began at
 * `windowStartedAt`; null when the window is over and the delivery fails.
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  windowStartedAt: Date,
  failedAt: Date,
  failedAttempts: number,
  random: () => number = Math.random,
): Date | null {
  const deadline = windowStartedAt.getTime() + policy.windowMs;
  if (failedAt.getTime() >= deadline) return null;
  return new Date(Math.min(failedAt.getTime() + retryDelayMs(failedAttempts, policy, random), deadline));
}

/**
 * The nominal schedule (no jitter, attempts taking no time): the offset of every attempt from the
 * first, in ms. For documentation and tests.
 */
export function nominalSchedule(policy: RetryPolicy): number[] {
  const offsets = [0];
  for (let failed = 1; offsets[offsets.length - 1] < policy.windowMs; failed += 1) {
    const next = offsets[offsets.length - 1] + nominalRetryDelayMs(failed, policy);
    offsets.push(Math.min(next, policy.windowMs));
  }
  return offsets;
}
