import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Matching index: vendors by the grid cells their service area reaches, by category and by text.
 *
 * The grid is 0.25° of latitude by 0.4° of longitude (about 28 x 26 km in the UK). A vendor's cells
 * are those its service area's bounding box touches (a superset of the circle, so nothing is
 * missed; the matching query still checks the exact distance). Vendors serving anywhere (no
 * service area) and very wide areas (> 400 km, or reaching past 80° of latitude) get the single
 * cell -1, which every query includes. A vendor with a centre but no radius gets no cells
 * (it reaches nowhere, as before).
 *
 * One multicolumn GIN index over (cells, category_codes, search_document): a categorised intent
 * intersects its cell with its category codes, a long-tail intent its cell with its words, both
 * inside the index. Its statistics (ANALYZE) also tell how many vendors reach each cell.
 * Hand-written (expression index): TypeORM only knows its name
 * (@Index('vendors_match_idx', { synchronize: false }) on Vendor).
 */
export class AddVendorMatchIndex1795380000000 implements MigrationInterface {
    name = 'AddVendorMatchIndex1795380000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION geo_cell(lat float8, lng float8) RETURNS int
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT floor((lat + 90) / 0.25)::int * 1000 + floor((lng + 180) / 0.4)::int % 900
            $$`);
        await queryRunner.query(`
            CREATE FUNCTION vendor_service_cells(lat float8, lng float8, radius_km int) RETURNS int[]
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT CASE
                    WHEN lat IS NULL OR lng IS NULL THEN ARRAY[-1]
                    WHEN radius_km IS NULL THEN '{}'::int[]
                    WHEN radius_km > 400 OR abs(lat) + radius_km / 111.0 > 80 THEN ARRAY[-1]
                    ELSE ARRAY(
                        SELECT y * 1000 + (x + 900) % 900
                          FROM generate_series(floor((lat - radius_km / 111.0 + 90) / 0.25)::int,
                                               floor((lat + radius_km / 111.0 + 90) / 0.25)::int) AS y,
                               generate_series(
                                   floor((lng + 180 - radius_km / (111.0 * cos(radians(abs(lat) + radius_km / 111.0)))) / 0.4)::int,
                                   floor((lng + 180 + radius_km / (111.0 * cos(radians(abs(lat) + radius_km / 111.0)))) / 0.4)::int
                               ) AS x)
                END
            $$`);
        await queryRunner.query(
            `CREATE INDEX "vendors_match_idx" ON "vendors" USING GIN (vendor_service_cells(service_lat, service_lng, service_radius_km), category_codes, search_document)`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."vendors_match_idx"`);
        await queryRunner.query(`DROP FUNCTION vendor_service_cells(float8, float8, int)`);
        await queryRunner.query(`DROP FUNCTION geo_cell(float8, float8)`);
    }

}
