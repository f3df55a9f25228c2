import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from './test-stack';

export interface LiveSubscription<T = Record<string, any>> {
  /** Every `data` received, in order. */
  events: T[];
  errors: unknown[];
  /** Resolves once the server acknowledged the connection (or rejects if it refused it). */
  connected: Promise<void>;
  /** Waits until `count` events arrived. */
  waitForEvents(count: number, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

/** A real graphql-ws client subscribed to one operation. */
export function subscribe<T = Record<string, any>>(
  wsUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): LiveSubscription<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  let acknowledge!: () => void;
  let refuse!: (reason: unknown) => void;
  const connected = new Promise<void>((resolve, reject) => {
    acknowledge = resolve;
    refuse = reject;
  });
  connected.catch(() => undefined);
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      connected: () => acknowledge(),
      closed: (event) => refuse(event),
    },
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data as T);
      },
      error: (error) => errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    connected,
    waitForEvents: (count, timeoutMs = 15_000) =>
      waitFor(async () => (events.length >= count ? events : null), timeoutMs),
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}
