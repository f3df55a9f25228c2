import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Word matching by need, measured among the vendors in reach.
 *
 * `vendor_match_terms`: one narrow row per vendor and lexeme of its search document (name and
 * keywords are `named`, the description is not), plus one row with the empty term per vendor, in
 * the same buckets as vendor_match_areas (see AddVendorMatchIndex). A btree over (term, bucket)
 * covering every column the search reads makes "how many vendors that reach this point hold this
 * word" and "which of them" index-only scans: word specificity is counted among the vendors that
 * could serve the intent, not over the whole table. A partial index holds the named terms of
 * vendors with no category, the only ones a categorised need may reach by words.
 *
 * `vendor_words`: the words vendors use (name, keywords, description) with their lexeme, under
 * trigram indexes (word and lexeme), so a misspelt need word ("orgen", "thached") finds the word
 * it meant. Words are
 * only added; one no vendor uses any more is harmless (its lexeme matches no one).
 *
 * Both are kept by statement-level triggers, like vendor_match_areas. The GIN index over (service
 * cells, search document) that the previous long-tail search used is dropped with its function.
 */
export class AddVendorMatchTermsAndWords1795385000000 implements MigrationInterface {
    name = 'AddVendorMatchTermsAndWords1795385000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            CREATE TABLE vendor_match_terms (
                vendor_id uuid NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
                term text NOT NULL,
                named boolean NOT NULL,
                categorised boolean NOT NULL,
                bucket int NOT NULL,
                service_lat float8,
                service_lng float8,
                service_radius_km int,
                rating_average float8,
                PRIMARY KEY (vendor_id, term))`);
        const termRows = (vendors: string) => `
            SELECT v.id, t.term, t.named, cardinality(v.category_codes) > 0, b.bucket,
                   v.service_lat, v.service_lng, v.service_radius_km, v.rating_average
              FROM ${vendors} v
             CROSS JOIN LATERAL (SELECT public.vendor_match_bucket(v.service_lat, v.service_lng, v.service_radius_km) AS bucket) AS b
             CROSS JOIN LATERAL (
                   SELECT l.lexeme AS term, 'A' = ANY(l.weights::text[]) AS named
                     FROM unnest(v.search_document) AS l(lexeme, positions, weights)
                    UNION ALL SELECT '', false) AS t
             WHERE b.bucket IS NOT NULL`;
        const insertTerms = `INSERT INTO vendor_match_terms
                   (vendor_id, term, named, categorised, bucket, service_lat, service_lng, service_radius_km, rating_average)`;
        // Distinct words first, lexemes (to_tsvector) only for words not known yet.
        const insertWords = (vendors: string) => `
            INSERT INTO vendor_words (word, lexeme)
            SELECT w.word, l.lexeme
              FROM (SELECT DISTINCT s.word
                      FROM ${vendors} v,
                           regexp_split_to_table(lower(v.name || ' ' || array_to_string(v.keywords, ' ') || ' ' || v.description),
                                                 '[^[:alpha:]]+') AS s(word)
                     WHERE length(s.word) BETWEEN 3 AND 40) AS w
             CROSS JOIN LATERAL (SELECT lexeme FROM unnest(to_tsvector('english', w.word)) LIMIT 1) AS l
             WHERE NOT EXISTS (SELECT 1 FROM vendor_words k WHERE k.word = w.word)
            ON CONFLICT (word) DO NOTHING`;
        await queryRunner.query(`CREATE TABLE vendor_words (word text PRIMARY KEY, lexeme text NOT NULL)`);
        await queryRunner.query(`
            CREATE FUNCTION vendor_match_terms_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                ${insertTerms} ${termRows('inserted_vendors')};
                ${insertWords('inserted_vendors')};
                RETURN NULL;
            END $$`);
        const changed = `new_vendors n JOIN old_vendors o ON o.id = n.id
                 WHERE (n.search_document, cardinality(n.category_codes) > 0, n.service_lat, n.service_lng,
                        n.service_radius_km, n.rating_average)
                       IS DISTINCT FROM (o.search_document, cardinality(o.category_codes) > 0, o.service_lat, o.service_lng,
                        o.service_radius_km, o.rating_average)`;
        const reworded = `new_vendors n JOIN old_vendors o ON o.id = n.id
                 WHERE (n.name, n.keywords, n.description) IS DISTINCT FROM (o.name, o.keywords, o.description)`;
        await queryRunner.query(`
            CREATE FUNCTION vendor_match_terms_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM vendor_match_terms t USING ${changed} AND t.vendor_id = n.id;
                ${insertTerms} ${termRows(`(SELECT n.* FROM ${changed})`)};
                ${insertWords(`(SELECT n.* FROM ${reworded})`)};
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE TRIGGER vendor_match_terms_insert AFTER INSERT ON vendors
            REFERENCING NEW TABLE AS inserted_vendors
            FOR EACH STATEMENT EXECUTE FUNCTION vendor_match_terms_insert()`);
        await queryRunner.query(`
            CREATE TRIGGER vendor_match_terms_update AFTER UPDATE ON vendors
            REFERENCING OLD TABLE AS old_vendors NEW TABLE AS new_vendors
            FOR EACH STATEMENT EXECUTE FUNCTION vendor_match_terms_update()`);
        await queryRunner.query(`${insertTerms} ${termRows('vendors')}`);
        await queryRunner.query(insertWords('vendors'));
        await queryRunner.query(`
            CREATE INDEX vendor_match_terms_search_idx ON vendor_match_terms (term, bucket)
            INCLUDE (service_lat, service_lng, service_radius_km, rating_average, named, vendor_id)`);
        await queryRunner.query(`
            CREATE INDEX vendor_match_terms_uncategorised_idx ON vendor_match_terms (term, bucket)
            INCLUDE (service_lat, service_lng, service_radius_km, rating_average, vendor_id)
            WHERE named AND NOT categorised`);
        await queryRunner.query(`CREATE INDEX vendor_words_trigram_idx ON vendor_words USING GIN (word gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX vendor_words_lexeme_trigram_idx ON vendor_words USING GIN (lexeme gin_trgm_ops)`);
        await queryRunner.query(`DROP INDEX "public"."vendors_match_idx"`);
        await queryRunner.query(`DROP FUNCTION vendor_service_cells(float8, float8, int)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
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
        await queryRunner.query(
            `CREATE INDEX "vendors_match_idx" ON "vendors" USING GIN (vendor_service_cells(service_lat, service_lng, service_radius_km), search_document)`,
        );
        await queryRunner.query(`DROP TRIGGER vendor_match_terms_update ON vendors`);
        await queryRunner.query(`DROP TRIGGER vendor_match_terms_insert ON vendors`);
        await queryRunner.query(`DROP FUNCTION vendor_match_terms_update()`);
        await queryRunner.query(`DROP FUNCTION vendor_match_terms_insert()`);
        await queryRunner.query(`DROP TABLE vendor_words`);
        await queryRunner.query(`DROP TABLE vendor_match_terms`);
    }

}
