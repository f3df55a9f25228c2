/** What the bench parent and its server child processes say to each other over IPC. */

export interface RunningServer {
  port: number;
  close(): Promise<void>;
  /** Statements sent to PostgreSQL so far (only the real API has any). */
  statements?(): number;
}

export const SERVER_KINDS = ['bare-apollo', 'nest-memory', 'nest-fields', 'intentcast-api'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'stats'; cpuMicros: number; statements: number }
  | { type: 'failed'; error: string };
