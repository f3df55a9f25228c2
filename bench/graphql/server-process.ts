/**
 * Child-process entry of the GraphQL throughput bench: starts one server kind, reports its port
 * to the parent over IPC, answers CPU/SQL counter requests, and exits when asked (or when the
 * parent goes away, so no server outlives the bench).
 *
 *   node dist/bench/graphql/server-process.js <bare-apollo|nest-memory|nest-fields|intentcast-api>
 */
import 'reflect-metadata';

import { type ChildMessage, type ParentMessage, type RunningServer, SERVER_KINDS, type ServerKind } from './protocol';

async function start(kind: ServerKind): Promise<RunningServer> {
  switch (kind) {
    case 'bare-apollo':
      return (await import('./bare-apollo.server')).startBareApollo();
    case 'nest-memory':
      return (await import('./nest-memory.server')).startNestMemory({ fieldResolvers: false });
    case 'nest-fields':
      return (await import('./nest-memory.server')).startNestMemory({ fieldResolvers: true });
    case 'intentcast-api':
      return (await import('./intentcast-api.server')).startIntentcastApi();
  }
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  if (!SERVER_KINDS.includes(kind)) throw new Error(`unknown server kind "${kind}"`);
  if (!process.send) throw new Error('server-process.js must be spawned with an IPC channel');
  const send = (message: ChildMessage) => process.send!(message);
  const server = await start(kind);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close().catch((error: unknown) => console.error(`[${kind}] close failed:`, error));
    // A normal exit (not a signal) so that --cpu-prof writes its profile.
    process.exit(0);
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      send({ type: 'stats', cpuMicros: cpu.user + cpu.system, statements: server.statements?.() ?? 0 });
    } else if (message.type === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', port: server.port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.send?.({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
