import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const REMOVABLE_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
const PAGE = 500;

export interface RedisTraces {
  jobsRemoved: number;
  keysRemoved: number;
  eventsRemoved: number;
  /** Jobs naming the subject that are running now; they cannot be removed until they finish. */
  activeJobs: number;
}

/** Whether a text names one of the ids (uuids anywhere in it). */
export function namesAny(text: string | null | undefined, ids: ReadonlySet<string>): boolean {
  if (!text) return false;
  for (const match of text.matchAll(UUID)) if (ids.has(match[0].toLowerCase())) return true;
  return false;
}

/**
 * Removes from Redis what names the subject (its account, intent, offer or engagement ids): queued,
 * finished and failed jobs (with their data, results and dedup keys), queue event entries, and any
 * other key under the prefix whose name carries such an id. Running jobs are counted, not touched.
 */
export async function removeRedisTraces(
  redis: Redis,
  prefix: string,
  queues: readonly Queue[],
  ids: ReadonlySet<string>,
): Promise<RedisTraces> {
  const traces: RedisTraces = { jobsRemoved: 0, keysRemoved: 0, eventsRemoved: 0, activeJobs: 0 };
  const names = (job: { id?: string; data?: unknown; returnvalue?: unknown; failedReason?: string }) =>
    namesAny(job.id, ids) ||
    namesAny(JSON.stringify(job.data ?? null), ids) ||
    namesAny(JSON.stringify(job.returnvalue ?? null), ids) ||
    namesAny(job.failedReason, ids);
  const activeIds = new Set<string>();
  for (const queue of queues) {
    for (const job of await queue.getJobs(['active'])) {
      if (job?.id && names(job)) activeIds.add(job.id);
    }
    const doomed: string[] = [];
    for (const state of REMOVABLE_STATES) {
      for (let start = 0; ; start += PAGE) {
        const jobs = await queue.getJobs(state, start, start + PAGE - 1, true);
        for (const job of jobs) if (job?.id && !activeIds.has(job.id) && names(job)) doomed.push(job.id);
        if (jobs.length < PAGE) break;
      }
    }
    for (const id of doomed) traces.jobsRemoved += await queue.remove(id);
    traces.eventsRemoved += await removeEvents(redis, queue.keys.events, ids);
  }
  traces.activeJobs = activeIds.size;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    const doomed = keys.filter((key) => namesAny(key, ids) && ![...activeIds].some((id) => key.includes(id)));
    if (doomed.length > 0) traces.keysRemoved += await redis.unlink(...doomed);
  } while (cursor !== '0');
  return traces;
}

/** Deletes the entries of a queue's event stream that mention the ids. */
async function removeEvents(redis: Redis, stream: string, ids: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  let start = '-';
  for (;;) {
    const entries = await redis.xrange(stream, start, '+', 'COUNT', 1000);
    const doomed = entries.filter(([, fields]) => namesAny(fields.join(' '), ids)).map(([id]) => id);
    if (doomed.length > 0) removed += await redis.xdel(stream, ...doomed);
    if (entries.length < 1000) break;
    start = `(${entries[entries.length - 1][0]}`;
  }
  return removed;
}
