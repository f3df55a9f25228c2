import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { type OutboxEvent, type OutboxPayloads, OutboxTopic } from './outbox-event.entity';
import { OUTBOX_CHANNEL } from './record-event';

type DispatchedEvent = Pick<OutboxEvent, 'id' | 'topic' | 'payload' | 'createdAt'>;

export type OutboxDispatcher = (events: DispatchedEvent[]) => Promise<void>;

/** One committed outbox event of a topic, its payload typed by the topic. */
export interface TopicEvent<T extends OutboxTopic> {
  id: string;
  createdAt: Date;
  payload: OutboxPayloads[T];
}

/**
 * What the relay does with each topic's events of a batch: one handler per topic, required for
 * every topic (a new topic does not compile until it has one). Handlers must be idempotent: a batch
 * is sent again after a crash between dispatch and mark.
 */
export type OutboxHandlers = { [T in OutboxTopic]: (events: Array<TopicEvent<T>>) => Promise<unknown> };

/** A dispatcher that hands each topic's events to its handler, in the order the handlers are written. */
export function dispatchByTopic(handlers: OutboxHandlers): OutboxDispatcher {
  return async (events) => {
    for (const topic of Object.keys(handlers) as OutboxTopic[]) {
      const ofTopic = events
        .filter((event) => event.topic === topic)
        .map((event) => ({ id: event.id, createdAt: event.createdAt, payload: event.payload }));
      if (ofTopic.length > 0) await (handlers[topic] as (events: unknown[]) => Promise<void>)(ofTopic);
    }
  };
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Poll interval: the safety net behind LISTEN/NOTIFY, and the retry pace while Redis is down. */
  pollMs?: number;
}

/**
 * Moves committed outbox rows to the queues. Rows are locked with SKIP LOCKED so
 * several relays can run; a row is marked dispatched only after the dispatcher
 * succeeded, so a Redis outage delays events but never loses them. Dispatch must
 * be idempotent (deterministic job ids), since a crash between dispatch and mark
 * sends the batch again.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly databaseUrl: string,
    private readonly dispatch: OutboxDispatcher,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  /** Dispatches one batch; returns how many events it moved. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const events: Array<Pick<OutboxEvent, 'id' | 'topic' | 'payload' | 'createdAt'>> = await manager.query(
        `SELECT id, topic, payload, created_at AS "createdAt" FROM outbox_events
          WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 500],
      );
      if (events.length === 0) return 0;
      const ids = events.map((event) => event.id);
      try {
        await this.dispatch(events);
      } catch (error) {
        await manager.query(`UPDATE outbox_events SET attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [ids]);
        throw error;
      }
      await manager.query(`UPDATE outbox_events SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
      return events.length;
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    try {
      this.listener = new Client({ connectionString: this.databaseUrl });
      this.listener.on('notification', () => this.wake());
      this.listener.on('error', (error) => this.logger.warn(`listener: ${error.message}`));
      await this.listener.connect();
      await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.logger.warn(`LISTEN unavailable, polling only: ${(error as Error).message}`);
    }
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Drains the outbox; concurrent wake-ups fold into one more pass. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = (async () => {
      do {
        this.wakeAgain = false;
        try {
          while (!this.stopped && (await this.relayBatch()) > 0);
        } catch (error) {
          this.logger.warn(`dispatch failed, will retry: ${(error as Error).message}`);
          return;
        }
      } while (this.wakeAgain && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }
}
