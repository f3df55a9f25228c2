import type { Redis } from 'ioredis';

/**
 * API replicas cache "this account is still active" for a few seconds. An erasure publishes the
 * account id here so every replica forgets it at once; the cache's own expiry is the fallback.
 */
export const sessionRevocationChannel = (prefix: string) => `${prefix}:sessions:revoked`;

export async function publishSessionRevoked(redis: Redis, prefix: string, accountId: string): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
  await Promise.race([redis.publish(sessionRevocationChannel(prefix), accountId).then(() => undefined), timeout]).catch(
    () => undefined,
  );
}
