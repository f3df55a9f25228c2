import type { Logger } from '@nestjs/common';

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const QUIET_MS = 10_000;

/**
 * Logs a BullMQ queue's or worker's errors (mostly "Redis is unreachable") as warnings, at most one
 * every 10 s per source. Without a listener BullMQ prints every reconnect attempt to the console.
 */
export function logConnectionErrors(source: ErrorEmitter, logger: Logger, name: string): void {
  let lastLogged = 0;
  let suppressed = 0;
  source.on('error', (error) => {
    const now = Date.now();
    if (now - lastLogged < QUIET_MS) {
      suppressed += 1;
      return;
    }
    const more = suppressed > 0 ? ` (and ${suppressed} more since)` : '';
    logger.warn(`${name}: ${error.message}${more}`);
    lastLogged = now;
    suppressed = 0;
  });
}
