import { Injectable } from '@nestjs/common';
import { distance as editDistance } from 'fastest-levenshtein';
import { DataSource } from 'typeorm';
import type { StoredWordMatch } from './intent-match.entity';
import {
  type VendorTerms,
  type WeighedNeedWord,
  type WordReading,
  WORD_MATCHING,
  WordMatchKind,
  acceptWordMatches,
  maxSpellingEdits,
  needWordWeight,
  readingFactor,
} from './match-scoring';
import { placeGazetteer } from './gazetteer/gazetteer';
import { englishWordsOneEditFrom, isEnglishWord } from './english-words';
import { FILLER_WORDS, type NeedWord, type TextPart, needWords } from './need-words';
import { type MatchPoint, bucketsSql, distanceKmSql, pointParams, reachesSql } from './reach';

/** Holders of one word counted at most: enough to tell a common word at WORD_MATCHING.reachCountCap. */
const TERM_COUNT_CAP = Math.ceil(WORD_MATCHING.commonShare * WORD_MATCHING.reachCountCap) + 1;
/** Spelling candidates per unknown word, by trigram similarity (pg_trgm's `%`, similarity >= 0.3). */
const SPELLING_CANDIDATES = 8;
/** Readings kept per misspelt word: the closest, and any one edit further. */
const MAX_SPELLING_READINGS = 3;

export interface WordCandidate {
  vendorId: string;
  /** 0-1: how much of the need's defining words the vendor holds. */
  coverage: number;
  matches: StoredWordMatch[];
  distanceKm: number | null;
  radiusKm: number | null;
  ratingAverage: number | null;
  vendorsInReach: number;
}

interface WordRow {
  n: string;
  lexeme: string | null;
  known: boolean;
  similar: Array<{ word: string; lexeme: string }> | null;
  /** Lexemes of the English words one edit from a word no vendor uses: what it likely meant. */
  meant: string[] | null;
  parts: Array<[string, string, string, string]> | null;
}

/**
 * Finds the vendors whose own words fit a need written in words (no category): the text's need
 * words (needWords: no places, postcodes or filler), each read as itself, as a misspelling of a
 * word vendors use, or as two run-together words; weighed by how specific each is among the
 * vendors that reach the intent (counted, not estimated); judged by acceptWordMatches.
 */
@Injectable()
export class NeedWordSearch {
  constructor(private readonly dataSource: DataSource) {}

  async search(text: TextPart[], point: MatchPoint | null, limit: number): Promise<WordCandidate[]> {
    const { words, joined } = needWords(text);
    if (words.length === 0) return [];
    // Independent: what the words may mean, and how many vendors reach the point.
    const [readings, reach] = await Promise.all([this.readWords(words, joined), this.countReach(point)]);
    const lexemes = [...new Set(readings.flatMap((word) => word.readings.map((reading) => reading.lexeme)))];
    if (lexemes.length === 0) return [];
    const { holders, vendors } = await this.holdersInReach(point, lexemes);
    const weighed: WeighedNeedWord[] = readings.map((word) => {
      const credited = word.readings.map((reading) => ({
        ...reading,
        credit: needWordWeight(holders.get(reading.lexeme) ?? 0, reach) * reading.credit,
      }));
      const held = credited.some((reading) => (holders.get(reading.lexeme) ?? 0) > 0);
      const best = Math.max(0, ...credited.map((reading) => reading.credit));
      const unreached = Math.max(...word.readings.map((reading) => reading.credit)) * needWordWeight(1, reach);
      return { typed: word.typed, weight: held ? best : unreached, sentences: word.sentences, readings: credited };
    });
    const byId = new Map(vendors.map((vendor) => [vendor.vendorId, vendor]));
    return acceptWordMatches(weighed, vendors)
      .slice(0, limit)
      .map((accepted) => {
        const vendor = byId.get(accepted.vendorId)!;
        return {
          vendorId: accepted.vendorId,
          coverage: accepted.coverage,
          matches: accepted.matches.map((match) => ({
            word: match.typed,
            lexeme: match.lexeme,
            kind: match.kind,
            ...(match.readAs ? { readAs: match.readAs } : {}),
            named: match.named,
            vendorsInReach: holders.get(match.lexeme) ?? 0,
          })),
          distanceKm: vendor.distanceKm,
          radiusKm: vendor.radiusKm,
          ratingAverage: vendor.ratingAverage,
          vendorsInReach: reach,
        };
      });
  }

  /**
   * Each need word's readings, in one round trip: its lexeme if some vendor uses it; else the
   * vendor words it may be a misspelling of (trigram candidates, kept within a few edits) and the
   * two vendor words it may run together. Words PostgreSQL's dictionary calls stop words have none.
   */
  private async readWords(
    words: NeedWord[],
    joined: NeedWord[],
  ): Promise<Array<{ typed: string; sentences: number[]; readings: WordReading[] }>> {
    const rows: WordRow[] = await this.dataSource.query(
      `SELECT w.n, l.lexeme, k.known,
              CASE WHEN NOT k.known AND length(w.word) >= 4 THEN
                (SELECT coalesce(json_agg(json_build_object('word', s.word, 'lexeme', s.lexeme) ORDER BY s.similarity DESC), '[]')
                   FROM (SELECT v.word, v.lexeme, greatest(similarity(v.word, w.word), similarity(v.lexeme, l.lexeme)) AS similarity
                           FROM vendor_words v
                          WHERE v.word % w.word OR v.lexeme % l.lexeme
                          ORDER BY similarity DESC, v.word
                          LIMIT $2) AS s)
              END AS similar,
              CASE WHEN NOT k.known THEN
                (SELECT array_agg(DISTINCT d.lexeme) FROM unnest(to_tsvector('english', ($4::text[])[w.n])) AS d)
              END AS meant,
              CASE WHEN NOT k.known AND length(w.word) >= 7 THEN
                (SELECT coalesce(json_agg(json_build_array(a.word, a.lexeme, b.word, b.lexeme) ORDER BY i), '[]')
                   FROM generate_series(3, length(w.word) - 3) AS i
                   JOIN vendor_words a ON a.word = left(w.word, i)
                   JOIN vendor_words b ON b.word = substr(w.word, i + 1))
              END AS parts
         FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n)
        CROSS JOIN LATERAL (SELECT lexeme FROM unnest(to_tsvector('english', w.word)) LIMIT 1) AS l
        CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM vendor_match_terms t WHERE t.term = l.lexeme) AS known) AS k
        UNION ALL
       SELECT -j.n, v.lexeme, true, NULL, NULL, NULL
         FROM unnest($3::text[]) WITH ORDINALITY AS j(word, n)
         JOIN vendor_words v ON v.word = j.word
        ORDER BY 1`,
      [
        words.map((word) => word.word),
        SPELLING_CANDIDATES,
        joined.map((word) => word.word),
        words.map((word) => (isEnglishWord(word.word) ? '' : englishWordsOneEditFrom(word.word).join(' '))),
      ],
    );
    const result: Array<{ typed: string; sentences: number[]; readings: WordReading[] }> = [];
    for (const row of rows) {
      const n = Number(row.n);
      if (n < 0) {
        const pair = joined[-n - 1];
        result.push({
          typed: pair.typed,
          sentences: pair.sentences,
          readings: [reading(row.lexeme!, WordMatchKind.COMPOUND, pair.weight, pair.word)],
        });
        continue;
      }
      const word = words[n - 1];
      if (row.known) {
        result.push({
          typed: word.typed,
          sentences: word.sentences,
          readings: [reading(row.lexeme!, WordMatchKind.SAME, word.weight)],
        });
        continue;
      }
      // A word spelt right that no vendor uses is no misspelling of a word they do use.
      if (isEnglishWord(word.word)) continue;
      const spellings = spellingReadings(word, row, word.weight);
      if (spellings.length > 0) result.push({ typed: word.typed, sentences: word.sentences, readings: spellings });
      const [parts] = row.parts ?? [];
      if (parts && spellings.length === 0) {
        const [first, firstLexeme, second, secondLexeme] = parts;
        for (const [part, lexeme] of [
          [first, firstLexeme],
          [second, secondLexeme],
        ]) {
          result.push({
            typed: word.typed,
            sentences: word.sentences,
            readings: [reading(lexeme, WordMatchKind.COMPOUND, word.weight, part)],
          });
        }
      }
    }
    return result;
  }

  /** How many vendors reach the point, counted up to WORD_MATCHING.reachCountCap (index-only). */
  private async countReach(point: MatchPoint | null): Promise<number> {
    const [row]: Array<{ vendors: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS vendors
         FROM (SELECT 1
                 FROM (SELECT t.service_lat, t.service_radius_km, ${distanceKmSql('t')} AS distance_km
                         FROM vendor_match_terms t
                        WHERE t.term = '' AND ${bucketsSql('t', point)}
                       OFFSET 0) AS t
                WHERE ${reachesSql('t', point)}
                LIMIT $3) AS s`,
      [...pointParams(point), WORD_MATCHING.reachCountCap],
    );
    return row?.vendors ?? 0;
  }

  /**
   * How many vendors in reach hold each lexeme (counted up to TERM_COUNT_CAP), and, in the same
   * statement, the vendors holding those held by fewer: each with what it holds, named or not.
   * Those held by more are common wherever they reach the cap; they weigh nothing, so their
   * holders are not read.
   */
  private async holdersInReach(point: MatchPoint | null, lexemes: string[]) {
    const inReach = (term: string, columns: string) => `
      SELECT ${columns}
        FROM (SELECT t.vendor_id, t.term, t.named, t.service_lat, t.service_radius_km, t.rating_average,
                     ${distanceKmSql('t')} AS distance_km
                FROM vendor_match_terms t
               WHERE t.term = ${term} AND ${bucketsSql('t', point, 'filter')}
              OFFSET 0) AS t
       WHERE ${reachesSql('t', point)}`;
    const rows: Array<{
      term: string;
      holders: number;
      vendors: Array<{
        id: string;
        named: boolean;
        distance_km: number | null;
        radius_km: number | null;
        rating: number | null;
      }> | null;
    }> = await this.dataSource.query(
      `SELECT q.term, c.holders,
              CASE WHEN c.holders < $3 THEN
                (SELECT json_agg(json_build_object('id', h.vendor_id, 'named', h.named, 'distance_km', h.distance_km,
                                                   'radius_km', h.service_radius_km, 'rating', h.rating_average))
                   FROM (${inReach('q.term', 't.*')}) AS h)
              END AS vendors
         FROM unnest($4::text[]) AS q(term)
        CROSS JOIN LATERAL (SELECT count(*)::int AS holders FROM (${inReach('q.term', '1')} LIMIT $3) AS s) AS c`,
      [...pointParams(point), TERM_COUNT_CAP, lexemes],
    );
    const holders = new Map(rows.map((row) => [row.term, row.holders]));
    const vendors = new Map<string, VendorTerms & ReachedVendor>();
    for (const row of rows) {
      for (const held of row.vendors ?? []) {
        const vendor = vendors.get(held.id) ?? {
          vendorId: held.id,
          terms: new Map<string, boolean>(),
          distanceKm: held.distance_km === null ? null : Number(held.distance_km),
          radiusKm: held.radius_km,
          ratingAverage: held.rating,
        };
        (vendor.terms as Map<string, boolean>).set(row.term, held.named);
        vendors.set(held.id, vendor);
      }
    }
    return { holders, vendors: [...vendors.values()] };
  }
}

interface ReachedVendor {
  distanceKm: number | null;
  radiusKm: number | null;
  ratingAverage: number | null;
}

/** A reading of a word; its credit so far is how sure the reading is times the word's weight in the text. */
const reading = (lexeme: string, kind: WordMatchKind, weight: number, readAs?: string, edits = 0): WordReading => ({
  lexeme,
  kind,
  credit: readingFactor(kind, edits) * weight,
  ...(readAs ? { readAs } : {}),
});

/**
 * The vendor words a misspelt word may stand for: where the word is one edit from English words,
 * the vendor words of those lexemes, or one edit from it ("stoped" meant "stopped" or "stored",
 * not the vendors' "stone"; "yert" is "yurt"); otherwise any vendor word within
 * maxSpellingEdits of it, as written or as stemmed ("hamond" → "hammond"). The closest ones (and
 * any one edit further), never a filler word or a place name; one reading per lexeme.
 */
function spellingReadings(word: NeedWord, row: WordRow, weight: number): WordReading[] {
  const meant = new Set(row.meant ?? []);
  const near = (row.similar ?? [])
    .filter((candidate) => !FILLER_WORDS.has(candidate.word) && !placeGazetteer().isPlaceName(candidate.word))
    .map((candidate) => {
      const written = editDistance(word.word, candidate.word);
      const stemmed = row.lexeme ? editDistance(row.lexeme, candidate.lexeme) : Number.POSITIVE_INFINITY;
      const close =
        meant.size > 0
          ? meant.has(candidate.lexeme) || written <= 1
          : written <= maxSpellingEdits(word.word.length) || stemmed <= maxSpellingEdits(row.lexeme?.length ?? 0);
      return { ...candidate, edits: Math.min(written, stemmed), close };
    })
    .filter((candidate) => candidate.close)
    .sort((a, b) => a.edits - b.edits);
  if (near.length === 0) return [];
  const readings = new Map<string, WordReading>();
  for (const candidate of near) {
    if (candidate.edits > near[0].edits + 1 || readings.size >= MAX_SPELLING_READINGS) break;
    if (!readings.has(candidate.lexeme)) {
      readings.set(
        candidate.lexeme,
        reading(candidate.lexeme, WordMatchKind.SPELLING, weight, candidate.word, candidate.edits),
      );
    }
  }
  return [...readings.values()];
}
