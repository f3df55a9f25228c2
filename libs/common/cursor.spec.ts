import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('keyset cursors', () => {
  const position = { at: new Date('2026-11-22T10:00:00.123Z'), id: '0b7f7c9e-8f0e-4a8e-9d3f-0c1d2e3f4a5b' };

  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('rejects forged cursors with BAD_USER_INPUT on the argument', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'after' } }),
    );
    expect(() => decodeCursor(Buffer.from('2026-01-01T00:00:00Z|x; DROP TABLE').toString('base64url'))).toThrow();
  });

  it('builds a page from first + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ createdAt: new Date(n * 1000), id: position.id }));
    const page = toPage(rows, 2, (row) => ({ at: row.createdAt, id: row.id }));
    expect(page.nodes).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
    expect(page.cursors).toHaveLength(2);
    expect(toPage(rows.slice(0, 2), 2, (row) => ({ at: row.createdAt, id: row.id })).hasNextPage).toBe(false);
  });
});
