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
/** Candidates (best by credit in SQL) the acceptance rules then judge. */
const CANDIDATE_LIMIT = 200;
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
    const readings = await this.readWords(words, joined);
    const lexemes = [...new Set(readings.flatMap((word) => word.readings.map((reading) => reading.lexeme)))];
    if (lexemes.length === 0) return [];
    const { reach, holders } = await this.countInReach(point, lexemes);
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
    const credits = new Map<string, number>();
    for (const reading of weighed.flatMap((word) => word.readings)) {
      if (reading.credit > 0) credits.set(reading.lexeme, Math.max(credits.get(reading.lexeme) ?? 0, reading.credit));
    }
    if (credits.size === 0) return [];
    const candidates = await this.holdersInReach(point, credits);
    const byId = new Map(candidates.map((candidate) => [candidate.vendorId, candidate]));
    return acceptWordMatches(weighed, candidates)
      .slice(0, limit)
      .map((accepted) => {
        const row = byId.get(accepted.vendorId)!;
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
          distanceKm: row.distanceKm,
          radiusKm: row.radiusKm,
          ratingAverage: row.ratingAverage,
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

  /** How many vendors reach the point (up to a cap), and how many of them hold each lexeme. */
  private async countInReach(point: MatchPoint | null, lexemes: string[]) {
    const inReach = (term: string) => `
      SELECT 1 FROM (SELECT t.service_lat, t.service_radius_km, ${distanceKmSql('t')} AS distance_km
                       FROM vendor_match_terms t
                      WHERE t.term = ${term} AND ${bucketsSql('t', point)}
                     OFFSET 0) AS t
       WHERE ${reachesSql('t', point)}`;
    const rows: Array<{ reach: number; term: string; vendors: number }> = await this.dataSource.query(
      `WITH reach AS (SELECT count(*)::int AS vendors FROM (${inReach("''")} LIMIT $3) AS s)
       SELECT (SELECT vendors FROM reach) AS reach, q.term,
              (SELECT count(*)::int FROM (${inReach('q.term')} LIMIT $4) AS s) AS vendors
         FROM unnest($5::text[]) AS q(term)`,
      [...pointParams(point), WORD_MATCHING.reachCountCap, TERM_COUNT_CAP, lexemes],
    );
    return {
      reach: rows[0]?.reach ?? 0,
      holders: new Map(rows.map((row) => [row.term, row.vendors])),
    };
  }

  /** Vendors in reach holding any credited lexeme, best credit first (a bounded number). */
  private async holdersInReach(
    point: MatchPoint | null,
    credits: Map<string, number>,
  ): Promise<
    Array<VendorTerms & { distanceKm: number | null; radiusKm: number | null; ratingAverage: number | null }>
  > {
    const rows: Array<{
      id: string;
      distance_km: number | null;
      service_radius_km: number | null;
      rating_average: number | null;
      terms: string[];
      named: boolean[];
    }> = await this.dataSource.query(
      `SELECT v.vendor_id AS id, min(v.distance_km) AS distance_km, min(v.service_radius_km) AS service_radius_km,
              min(v.rating_average) AS rating_average, array_agg(v.term) AS terms, array_agg(v.named) AS named
         FROM (SELECT t.vendor_id, t.term, t.named, t.service_lat, t.service_radius_km, t.rating_average,
                      ${distanceKmSql('t')} AS distance_km
                 FROM vendor_match_terms t
                WHERE t.term = ANY($3::text[]) AND ${bucketsSql('t', point)}
               OFFSET 0) AS v
         JOIN unnest($3::text[], $4::float8[]) AS c(term, credit) ON c.term = v.term
        WHERE ${reachesSql('v', point)}
        GROUP BY v.vendor_id
        ORDER BY sum(c.credit * CASE WHEN v.named THEN 1 ELSE $5::float8 END) DESC, v.vendor_id
        LIMIT $6`,
      [...pointParams(point), [...credits.keys()], [...credits.values()], WORD_MATCHING.describedOnly, CANDIDATE_LIMIT],
    );
    return rows.map((row) => ({
      vendorId: row.id,
      terms: new Map(row.terms.map((term, index) => [term, row.named[index]])),
      distanceKm: row.distance_km === null ? null : Number(row.distance_km),
      radiusKm: row.service_radius_km,
      ratingAverage: row.rating_average,
    }));
  }
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
