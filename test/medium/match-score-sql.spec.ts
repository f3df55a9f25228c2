import fc from 'fast-check';
import { FAMILY_FIT, weightedScore, weightedScoreSql } from '@app/matching';
import { onServer } from '../support/databases';

/**
 * The category search keeps each need's top K in PostgreSQL by weightedScoreSql; the matches are
 * then scored in TypeScript by weightedScore. If the two drifted apart, the database would cut
 * vendors that TypeScript ranks above the ones it keeps. This checks, on generated vendors, that
 * PostgreSQL computes the same number (to the last bit) and so the same order.
 */
describe('the match score in SQL (property, against PostgreSQL)', () => {
  // Doubles as the database holds them; not subnormal, which PostgreSQL refuses to multiply (underflow).
  const double = (min: number, max: number) =>
    fc.double({ min, max, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-300);
  const row = fc.record({
    fit: fc.oneof(fc.constantFrom(...Object.values(FAMILY_FIT)), double(-0.5, 1.5)),
    distance_km: fc.option(double(0, 2_000), { nil: null }),
    service_radius_km: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 })), { nil: null }),
    rating_average: fc.option(double(1, 5), { nil: null }),
  });

  it('equals weightedScore for every fit, distance, radius and rating, and ranks alike', async () => {
    await onServer(async (client) => {
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (rows) => {
          const vendors = rows.map((r, index) => ({ ...r, id: index }));
          const { rows: scored } = await client.query<{ id: number; score: number }>(
            `SELECT v.id, ${weightedScoreSql('v')} AS score
               FROM jsonb_to_recordset($1::jsonb)
                    AS v(id int, fit float8, distance_km float8, service_radius_km float8, rating_average float8)
              ORDER BY score DESC, v.id`,
            [JSON.stringify(vendors)],
          );
          const expected = vendors
            .map((v) => ({
              id: v.id,
              score: weightedScore({
                fit: v.fit,
                distanceKm: v.distance_km,
                radiusKm: v.service_radius_km,
                ratingAverage: v.rating_average,
              }),
            }))
            .sort((a, b) => b.score - a.score || a.id - b.id);
          expect(scored.map((r) => ({ id: r.id, score: Number(r.score) }))).toEqual(expected);
        }),
        { numRuns: 200 },
      );
    });
  });
});
