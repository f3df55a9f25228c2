import { Redis } from 'ioredis';
import { uniqueSuffix } from './databases';

export const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const createTestRedisPrefixBase = () => `ictest-${uniqueSuffix()}`;

/** A Redis key prefix of its own for one test file. */
export function testRedisPrefix(): string {
  return `${process.env.INTENTCAST_REDIS_PREFIX_BASE ?? createTestRedisPrefixBase()}-${uniqueSuffix()}`;
}

export async function deleteKeys(pattern: string): Promise<number> {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
