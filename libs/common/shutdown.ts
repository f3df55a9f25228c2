/**
 * Graceful shutdown waits for running jobs and open connections; with Redis or PostgreSQL gone it
 * could wait for ever. After a stop signal the process exits anyway once `timeoutMs` have passed.
 */
export function exitIfShutdownHangs(timeoutMs = 15_000): void {
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      console.error(`graceful shutdown after ${signal} took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
