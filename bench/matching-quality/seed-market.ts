import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Market } from './market';

const BATCH = 5000;

/** Inserts the market's vendors (and their accounts), in batches; returns vendor id → index in the market. */
export async function seedMarket(dataSource: DataSource, market: Market): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < market.vendors.length; start += BATCH) {
    const batch = market.vendors.slice(start, start + BATCH).map((vendor, offset) => {
      const id = randomUUID();
      ids.set(id, start + offset);
      return {
        id,
        account_id: randomUUID(),
        email: `quality-vendor-${start + offset}@example.test`,
        name: vendor.name,
        description: vendor.description,
        keywords: vendor.keywords,
        category_codes: vendor.categoryCodes,
        service_lat: vendor.lat,
        service_lng: vendor.lng,
        service_radius_km: vendor.radiusKm,
        rating_average: vendor.rating,
        rating_count: vendor.rating === null ? 0 : 10,
      };
    });
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO accounts (id, kind, email, display_name)
         SELECT v.account_id, 'vendor', v.email, v.name FROM jsonb_to_recordset($1::jsonb) AS v(account_id uuid, email text, name text)`,
        [JSON.stringify(batch)],
      );
      await manager.query(
        `INSERT INTO vendors (id, account_id, name, description, keywords, category_codes, service_lat, service_lng,
                              service_radius_km, rating_average, rating_count)
         SELECT v.id, v.account_id, v.name, v.description, v.keywords, v.category_codes, v.service_lat, v.service_lng,
                v.service_radius_km, v.rating_average, v.rating_count
           FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, account_id uuid, name text, description text, keywords text[],
                category_codes text[], service_lat float8, service_lng float8, service_radius_km int,
                rating_average float8, rating_count int)`,
        [JSON.stringify(batch)],
      );
    });
  }
  return ids;
}
