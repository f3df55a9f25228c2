/**
 * Child-process entry of the GraphQL throughput bench: starts one server kind, reports its port
 * to the parent over IPC, answers CPU/SQL counter requests, and exits when asked (or when the
 * parent goes away, so no server outlives the bench).
 *
 *   node dist/bench/graphql/server-process.js <bare-apollo|nest-memory|nest-fields|nest-fields-decorated|intentcast-api>
 */
import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ChildMessage, type ParentMessage, type RunningServer, SERVER_KINDS, type ServerKind } from './protocol';

async function start(kind: ServerKind): Promise<RunningServer> {
  switch (kind) {
    case 'bare-apollo':
      return (await import('./bare-apollo.server')).startBareApollo();
    case 'nest-memory':
      return (await import('./nest-memory.server')).startNestMemory({ fieldResolvers: 'none' });
    case 'nest-fields':
      return (await import('./nest-memory.server')).startNestMemory({ fieldResolvers: 'plain' });
    case 'nest-fields-decorated':
      return (await import('./nest-memory.server')).startNestMemory({ fieldResolvers: 'decorated' });
    case 'intentcast-api':
      return (await import('./intentcast-api.server')).startIntentcastApi();
  }
}

/** The in-process V8 sampling profiler (what --cpu-prof uses), started and stopped on request. */
function profiler() {
  const session = new Session();
  session.connect();
  const post = <T = unknown>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  return {
    async start() {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
    },
    async stop(file: string) {
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      await post('Profiler.disable');
    },
  };
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
    process.exit(0);
  };
  const cpuProfiler = profiler();
  // Event-loop delay since the last reset: long synchronous stretches show up here.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  // Requests this server has done with (answered, or abandoned when autocannon closed the connection
  // at the end of its window): per-request figures divide by these, not by autocannon's count, which
  // leaves out the requests still in flight when its window closed (their CPU and SQL count).
  let responses = 0;
  server.http.on('request', (_request, response) => response.once('close', () => (responses += 1)));
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'profile-start') {
      void cpuProfiler.start().then(() => send({ type: 'profile-started' }));
    } else if (message.type === 'profile-stop') {
      void cpuProfiler.stop(message.file).then(() => send({ type: 'profile-stopped', file: message.file }));
    } else if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      send({
        type: 'stats',
        cpuMicros: cpu.user + cpu.system,
        statements: server.statements?.() ?? 0,
        responses,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
      });
      if (message.resetLoopDelay) loopDelay.reset();
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
