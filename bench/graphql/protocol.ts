/** What the bench parent and its server child processes say to each other over IPC. */

export interface RunningServer {
  port: number;
  /** The listening HTTP server (the child counts the responses it finished). */
  http: import('node:http').Server;
  close(): Promise<void>;
  /** Statements sent to PostgreSQL so far (only the real API has any). */
  statements?(): number;
}

export const SERVER_KINDS = [
  'bare-apollo',
  'nest-memory',
  'nest-fields',
  'nest-fields-decorated',
  'intentcast-api',
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export type ParentMessage =
  /** Counters; `resetLoopDelay` starts a new event-loop delay measurement after answering. */
  | { type: 'stats'; resetLoopDelay?: boolean }
  | { type: 'stop' }
  /** Start the V8 CPU profiler in the server (node:inspector), so a profile covers only the load. */
  | { type: 'profile-start' }
  /** Stop it and write the .cpuprofile to `file`. */
  | { type: 'profile-stop'; file: string };
export type ChildMessage =
  | { type: 'ready'; port: number }
  /** Counters so far (responses finished included), and the event-loop delay (p99, max) since the last reset. */
  | {
      type: 'stats';
      cpuMicros: number;
      statements: number;
      responses: number;
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
    }
  | { type: 'profile-started' }
  | { type: 'profile-stopped'; file: string }
  | { type: 'failed'; error: string };
