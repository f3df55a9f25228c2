import { badInput } from './errors';

/**
 * Opaque keyset cursors: (timestamp, id) for newest-first lists.
 * Keyset rather than offset so pages stay stable while rows are added.
 */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): KeysetPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [iso, id] = text.split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw badInput(field, 'cursor is not valid');
  }
  return { at, id };
}

export interface Page<T> {
  nodes: T[];
  /** One opaque cursor per node, same order. */
  cursors: string[];
  hasNextPage: boolean;
}

export const MAX_PAGE_SIZE = 100;

/** Builds a page from `first + 1` rows fetched newest first. */
export function toPage<T>(rows: T[], first: number, position: (row: T) => KeysetPosition): Page<T> {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  return { nodes, cursors: nodes.map((node) => encodeCursor(position(node))), hasNextPage };
}
