import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Matching indexes.
 *
 * Grid: cells of 0.25° latitude by 0.4° longitude (about 28 x 26 km in the UK), numbered
 * row * 1000 + column; a coarse grid of 1° by 1.6° the same way. `grid_cells_within` gives the
 * cells of a point's bounding box of a radius: a superset of the cells of every point within that
 * distance (queries still check the exact distance); NULL within the radius of a pole.
 *
 * Categorised intents: `vendor_match_areas`, one narrow row per vendor and category, kept by
 * triggers on vendors, with a btree over (category_code, bucket) that covers every column the
 * category search needs, so it runs as an index-only scan and never touches the vendors table.
 * The bucket is the cell of the vendor's centre within a level of its radius (<= 10, 25, 50,
 * 100 km; <= 400 km on the coarse grid), or -1 for vendors serving anywhere or wider. A point's
 * probe buckets (`match_probe_buckets`) are, per level, the cells within that level's radius, and
 * -1: every vendor whose area may reach the point is in one of them.
 *
 * Long-tail intents: a GIN index on vendors over (service cells, search_document), intersecting
 * the intent's cell with its words inside the index. A vendor's service cells are those its
 * area's bounding box touches; vendors serving anywhere or wider than 400 km get the single cell
 * -1, which every query includes; a vendor with a centre but no radius gets none (it reaches
 * nowhere, as before). Its statistics (ANALYZE) also tell how many vendors reach each cell.
 * Expression index, hand-written: TypeORM only knows its name
 * (@Index('vendors_match_idx', { synchronize: false }) on Vendor). vendor_match_areas is no entity.
 */
export class AddVendorMatchIndex1795380000000 implements MigrationInterface {
    name = 'AddVendorMatchIndex1795380000000'

    // Calls between these functions name their schema: PostgreSQL 17+ runs index expressions (CREATE
    // INDEX, REINDEX, VACUUM, ANALYZE) with search_path = pg_catalog, pg_temp.
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION grid_cell(lat float8, lng float8, lat_step float8, lng_step float8) RETURNS int
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT floor((lat + 90) / lat_step)::int * 1000
                       + floor((lng + 180) / lng_step)::int % round(360 / lng_step)::int
            $$`);
        // plpgsql (its plan is cached per session): cheaper than a SQL function that cannot be inlined.
        await queryRunner.query(`
            CREATE FUNCTION grid_cells_within(lat float8, lng float8, radius_km float8, lat_step float8, lng_step float8)
            RETURNS int[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
            DECLARE
                dlat float8 := radius_km / 111.0;
                dlng float8;
                n_columns int := round(360 / lng_step)::int;
                cells int[] := '{}';
            BEGIN
                IF abs(lat) + dlat > 80 THEN
                    RETURN NULL;
                END IF;
                dlng := radius_km / (111.0 * cos(radians(abs(lat) + dlat)));
                FOR y IN floor((lat - dlat + 90) / lat_step)::int .. floor((lat + dlat + 90) / lat_step)::int LOOP
                    FOR x IN floor((lng + 180 - dlng) / lng_step)::int .. floor((lng + 180 + dlng) / lng_step)::int LOOP
                        cells := cells || (y * 1000 + (x + n_columns) % n_columns);
                    END LOOP;
                END LOOP;
                RETURN cells;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION geo_cell(lat float8, lng float8) RETURNS int
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT public.grid_cell(lat, lng, 0.25, 0.4) $$`);
        await queryRunner.query(`
            CREATE FUNCTION vendor_service_cells(lat float8, lng float8, radius_km int) RETURNS int[]
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT CASE
                    WHEN lat IS NULL OR lng IS NULL THEN ARRAY[-1]
                    WHEN radius_km IS NULL THEN '{}'::int[]
                    WHEN radius_km > 400 THEN ARRAY[-1]
                    ELSE coalesce(public.grid_cells_within(lat, lng, radius_km, 0.25, 0.4), ARRAY[-1])
                END
            $$`);
        await queryRunner.query(`
            CREATE FUNCTION vendor_match_bucket(lat float8, lng float8, radius_km int) RETURNS int
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT CASE
                    WHEN lat IS NULL OR lng IS NULL THEN -1
                    WHEN radius_km IS NULL THEN NULL
                    WHEN radius_km > 400 OR abs(lat) + radius_km / 111.0 > 80 THEN -1
                    WHEN radius_km <= 10 THEN 10000000 + public.grid_cell(lat, lng, 0.25, 0.4)
                    WHEN radius_km <= 25 THEN 20000000 + public.grid_cell(lat, lng, 0.25, 0.4)
                    WHEN radius_km <= 50 THEN 30000000 + public.grid_cell(lat, lng, 0.25, 0.4)
                    WHEN radius_km <= 100 THEN 40000000 + public.grid_cell(lat, lng, 0.25, 0.4)
                    ELSE 50000000 + public.grid_cell(lat, lng, 1.0, 1.6)
                END
            $$`);
        // NULL near a pole: the caller then scans the whole category.
        await queryRunner.query(`
            CREATE FUNCTION match_probe_buckets(lat float8, lng float8) RETURNS int[]
            LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
            BEGIN
                IF abs(lat) + 400 / 111.0 > 80 THEN
                    RETURN NULL;
                END IF;
                RETURN ARRAY(SELECT 10000000 + c FROM unnest(public.grid_cells_within(lat, lng, 10, 0.25, 0.4)) AS c)
                    || ARRAY(SELECT 20000000 + c FROM unnest(public.grid_cells_within(lat, lng, 25, 0.25, 0.4)) AS c)
                    || ARRAY(SELECT 30000000 + c FROM unnest(public.grid_cells_within(lat, lng, 50, 0.25, 0.4)) AS c)
                    || ARRAY(SELECT 40000000 + c FROM unnest(public.grid_cells_within(lat, lng, 100, 0.25, 0.4)) AS c)
                    || ARRAY(SELECT 50000000 + c FROM unnest(public.grid_cells_within(lat, lng, 400, 1.0, 1.6)) AS c)
                    || -1;
            END $$`);
        await queryRunner.query(`
            CREATE TABLE vendor_match_areas (
                vendor_id uuid NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
                category_code text NOT NULL,
                bucket int NOT NULL,
                service_lat float8,
                service_lng float8,
                service_radius_km int,
                rating_average float8,
                PRIMARY KEY (vendor_id, category_code))`);
        // Statement-level triggers over transition tables: a bulk insert or update of vendors
        // refreshes their rows in one set-based statement, not row by row.
        const areaRows = (vendors: string) => `
            SELECT v.id, c.code, b.bucket, v.service_lat, v.service_lng, v.service_radius_km, v.rating_average
              FROM ${vendors} v
             CROSS JOIN LATERAL (SELECT DISTINCT unnest(v.category_codes) AS code) AS c
             CROSS JOIN LATERAL (SELECT public.vendor_match_bucket(v.service_lat, v.service_lng, v.service_radius_km) AS bucket) AS b
             WHERE b.bucket IS NOT NULL`;
        const insertAreas = `INSERT INTO vendor_match_areas
                   (vendor_id, category_code, bucket, service_lat, service_lng, service_radius_km, rating_average)`;
        await queryRunner.query(`
            CREATE FUNCTION vendor_match_areas_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                ${insertAreas} ${areaRows('inserted_vendors')};
                RETURN NULL;
            END $$`);
        const changed = `new_vendors n JOIN old_vendors o ON o.id = n.id
                 WHERE (n.category_codes, n.service_lat, n.service_lng, n.service_radius_km, n.rating_average)
                       IS DISTINCT FROM (o.category_codes, o.service_lat, o.service_lng, o.service_radius_km, o.rating_average)`;
        await queryRunner.query(`
            CREATE FUNCTION vendor_match_areas_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM vendor_match_areas a USING ${changed} AND a.vendor_id = n.id;
                ${insertAreas} ${areaRows(`(SELECT n.* FROM ${changed})`)};
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE TRIGGER vendor_match_areas_insert AFTER INSERT ON vendors
            REFERENCING NEW TABLE AS inserted_vendors
            FOR EACH STATEMENT EXECUTE FUNCTION vendor_match_areas_insert()`);
        await queryRunner.query(`
            CREATE TRIGGER vendor_match_areas_update AFTER UPDATE ON vendors
            REFERENCING OLD TABLE AS old_vendors NEW TABLE AS new_vendors
            FOR EACH STATEMENT EXECUTE FUNCTION vendor_match_areas_update()`);
        await queryRunner.query(`${insertAreas} ${areaRows('vendors')}`);
        await queryRunner.query(`
            CREATE INDEX vendor_match_areas_search_idx ON vendor_match_areas (category_code, bucket)
            INCLUDE (service_lat, service_lng, service_radius_km, rating_average, vendor_id)`);
        await queryRunner.query(
            `CREATE INDEX "vendors_match_idx" ON "vendors" USING GIN (vendor_service_cells(service_lat, service_lng, service_radius_km), search_document)`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."vendors_match_idx"`);
        await queryRunner.query(`DROP TRIGGER vendor_match_areas_update ON vendors`);
        await queryRunner.query(`DROP TRIGGER vendor_match_areas_insert ON vendors`);
        await queryRunner.query(`DROP FUNCTION vendor_match_areas_update()`);
        await queryRunner.query(`DROP FUNCTION vendor_match_areas_insert()`);
        await queryRunner.query(`DROP TABLE vendor_match_areas`);
        await queryRunner.query(`DROP FUNCTION match_probe_buckets(float8, float8)`);
        await queryRunner.query(`DROP FUNCTION vendor_match_bucket(float8, float8, int)`);
        await queryRunner.query(`DROP FUNCTION vendor_service_cells(float8, float8, int)`);
        await queryRunner.query(`DROP FUNCTION geo_cell(float8, float8)`);
        await queryRunner.query(`DROP FUNCTION grid_cells_within(float8, float8, float8, float8, float8)`);
        await queryRunner.query(`DROP FUNCTION grid_cell(float8, float8, float8, float8)`);
    }

}
