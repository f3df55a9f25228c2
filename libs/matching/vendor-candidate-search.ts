import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { IntentComponent, Intent } from '@app/intents';
import { type CategoryNeed, CategorySearch } from './category-search';
import type { MatchReasons } from './intent-match.entity';
import { MatchBasis, WORD_MATCHING, matchScore } from './match-scoring';
import { MatchTaxonomy } from './match-taxonomy';
import { NeedWordSearch } from './need-word-search';
import type { TextPart } from './need-words';
import type { MatchPoint } from './reach';

export interface MatchCandidate {
  vendorId: string;
  score: number;
  reasons: MatchReasons;
}

/** One need of an intent: a component, matched on its own. */
type CategoryNeedOf = { kind: 'category'; componentId: string | null; categoryCode: string };
type WordNeed = { kind: 'words'; componentId: string | null; text: TextPart[] };
type Need = CategoryNeedOf | WordNeed;

/**
 * Finds the vendors that fit an intent, need by need (each component on its own), among those
 * whose service area reaches it, at most MATCH_TOP_K per need (a ceiling, not a quota: a need two
 * vendors fit goes to two). Read-only: storing them is MatchingService's job.
 *
 * - A need with a category goes to the vendors of its category family (the category, the ones
 *   below it, its parent), and to vendors that list no category but whose name or keywords say
 *   the category (its name or a keyword no other category uses). Its free text is never matched
 *   against vendors' words: "move our Hammond organ" is a removals need, not an organ one.
 * - A need without a category goes to the vendors whose words fit its words (NeedWordSearch).
 *
 * A word match scores below every category match (WORD_MATCH_SHARE). A vendor matched to several
 * needs keeps its best match.
 */
@Injectable()
export class VendorCandidateSearch {
  private readonly categories: CategorySearch;
  private readonly words: NeedWordSearch;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly taxonomy: MatchTaxonomy = new MatchTaxonomy(dataSource),
  ) {
    this.categories = new CategorySearch(dataSource);
    this.words = new NeedWordSearch(dataSource);
  }

  async findCandidates(intent: Intent, components: IntentComponent[]): Promise<MatchCandidate[]> {
    const point: MatchPoint | null =
      intent.coarseLat !== null && intent.coarseLng !== null ? { lat: intent.coarseLat, lng: intent.coarseLng } : null;
    const needs = needsOf(intent, components);
    const wordNeeds = needs.flatMap((need) => (need.kind === 'words' ? [need] : []));
    const categoryNeeds = needs.flatMap((need) => (need.kind === 'category' ? [need] : []));
    const found = await Promise.all([
      this.byCategory(categoryNeeds, point),
      ...wordNeeds.map((need) => this.byWords(need, point)),
    ]);
    return bestPerVendor(found.flat());
  }

  /** Each need with a category: its family's top K, and vendors with no category that name it. */
  private async byCategory(needs: CategoryNeedOf[], point: MatchPoint | null): Promise<MatchCandidate[]> {
    if (needs.length === 0) return [];
    const topK = this.config.MATCH_TOP_K;
    const taxonomy = await this.taxonomy.get();
    const searched: Array<CategoryNeed & CategoryNeedOf> = needs.flatMap((need, index) => {
      const family = taxonomy.family(need.categoryCode);
      return family.length === 0
        ? []
        : [{ ...need, need: index, family, phrases: taxonomy.distinctivePhrases(need.categoryCode) }];
    });
    const { byFamily, byWords } = await this.categories.candidates(searched, point, topK);
    return searched.flatMap((need) => {
      const relation = new Map(need.family.map((member) => [member.code, member.relation]));
      const forNeed: MatchCandidate[] = [
        ...byFamily
          .filter((candidate) => candidate.need === need.need)
          .map((candidate) => ({
            vendorId: candidate.vendorId,
            score: scoreOf(MatchBasis.CATEGORY, candidate.fit, candidate),
            reasons: {
              basis: MatchBasis.CATEGORY,
              categoryCode: candidate.categoryCode,
              needCategoryCode: need.categoryCode,
              relation: relation.get(candidate.categoryCode) ?? null,
              componentId: need.componentId,
              distanceKm: roundKm(candidate.distanceKm),
              words: [],
            },
          })),
        ...byWords
          .filter((candidate) => candidate.need === need.need)
          .map((candidate) => ({
            vendorId: candidate.vendorId,
            score: scoreOf(MatchBasis.CATEGORY_WORDS, 1, candidate),
            reasons: {
              basis: MatchBasis.CATEGORY_WORDS,
              categoryCode: null,
              needCategoryCode: need.categoryCode,
              componentId: need.componentId,
              distanceKm: roundKm(candidate.distanceKm),
              words: [candidate.phrase],
            },
          })),
      ];
      return bestPerVendor(forNeed).slice(0, topK);
    });
  }

  /** A need without a category: the vendors whose words fit its words. */
  private async byWords(need: WordNeed, point: MatchPoint | null): Promise<MatchCandidate[]> {
    const found = await this.words.search(need.text, point, this.config.MATCH_TOP_K);
    return found.map((candidate) => ({
      vendorId: candidate.vendorId,
      score: scoreOf(MatchBasis.NEED_WORDS, candidate.coverage, candidate),
      reasons: {
        basis: MatchBasis.NEED_WORDS,
        categoryCode: null,
        componentId: need.componentId,
        distanceKm: roundKm(candidate.distanceKm),
        words: [...new Set(candidate.matches.map((match) => match.word))],
        wordMatches: candidate.matches,
        vendorsInReach: candidate.vendorsInReach,
      },
    }));
  }
}

/**
 * The intent's needs: its components (every intent has one at least; a plain intent's only
 * component carries its title, text and category), or the intent itself if it has none.
 */
function needsOf(intent: Intent, components: IntentComponent[]): Need[] {
  const parts = components.length > 0 ? [...components].sort((a, b) => a.position - b.position) : [null];
  return parts.map((component) => {
    // A component without a category of its own is a part of the intent's category, if it has one.
    const categoryCode = component?.categoryCode ?? intent.categoryCode;
    if (categoryCode) return { kind: 'category', componentId: component?.id ?? null, categoryCode };
    // A single component is the intent: its title and text are the need's too.
    const titles = [component?.title, parts.length === 1 ? intent.title : null];
    const descriptions = [component?.description, parts.length === 1 ? intent.description : null];
    const text = [
      ...titles.map((title) => ({ text: title ?? '', weight: 1 })),
      ...descriptions.map((description) => ({ text: description ?? '', weight: WORD_MATCHING.descriptionWeight })),
    ].filter((part) => part.text.trim() !== '');
    return { kind: 'words', componentId: component?.id ?? null, text };
  });
}

/** Each vendor once, with its best match; best first. */
function bestPerVendor(candidates: MatchCandidate[]): MatchCandidate[] {
  const best = new Map<string, MatchCandidate>();
  for (const candidate of candidates) {
    const known = best.get(candidate.vendorId);
    if (!known || candidate.score > known.score) best.set(candidate.vendorId, candidate);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.vendorId < b.vendorId ? -1 : 1));
}

const scoreOf = (
  basis: MatchBasis,
  fit: number,
  vendor: { distanceKm: number | null; radiusKm: number | null; ratingAverage: number | null },
) =>
  matchScore({
    basis,
    fit,
    distanceKm: vendor.distanceKm,
    radiusKm: vendor.radiusKm,
    ratingAverage: vendor.ratingAverage,
  });

const roundKm = (km: number | null) => (km === null ? null : Math.round(km * 10) / 10);
