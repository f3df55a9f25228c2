import { FamilyRelation } from './category-family';
import type { MatchReasons, StoredWordMatch } from './intent-match.entity';
import { MatchBasis, WORD_MATCHING, WordMatchKind } from './match-scoring';

/** The basis of stored reasons; rows from before MatchBasis existed have none. */
export function basisOf(reasons: MatchReasons): MatchBasis {
  return reasons.basis ?? (reasons.categoryCode ? MatchBasis.CATEGORY : MatchBasis.NEED_WORDS);
}

/**
 * Why a vendor was matched, in a sentence it can read: which category or which words, and why
 * they count. `categoryName` names a category code (null when unknown).
 */
export function explainMatch(reasons: MatchReasons, categoryName: (code: string) => string | null): string {
  const name = (code: string | null | undefined) => (code ? `"${categoryName(code) ?? code}"` : 'its category');
  const where =
    reasons.distanceKm === null || reasons.distanceKm === undefined
      ? ' You serve anywhere.'
      : ` Your service area reaches it (${reasons.distanceKm} km from your centre).`;
  switch (basisOf(reasons)) {
    case MatchBasis.CATEGORY: {
      const yours = name(reasons.categoryCode);
      const needs = name(reasons.needCategoryCode ?? reasons.categoryCode);
      const how =
        reasons.relation === FamilyRelation.NARROWER
          ? `is a kind of ${needs}, the need's category`
          : reasons.relation === FamilyRelation.BROADER
            ? `covers ${needs}, the need's category`
            : `is the need's category`;
      return `Your category ${yours} ${how}.${where}`;
    }
    case MatchBasis.CATEGORY_WORDS:
      return (
        `You list no category, and your name or keywords say "${(reasons.words ?? []).join(', ')}", ` +
        `which names the need's category ${name(reasons.needCategoryCode)}.${where}`
      );
    case MatchBasis.NEED_WORDS: {
      const matches = reasons.wordMatches ?? [];
      if (matches.length === 0) return `Your description or keywords share the need's words.${where}`;
      const reached = reasons.vendorsInReach ?? 0;
      const reach =
        reached >= WORD_MATCHING.reachCountCap
          ? ` of the ${WORD_MATCHING.reachCountCap} or more vendors that reach it`
          : reached > 0
            ? ` of the ${reached} vendors that reach it`
            : '';
      const words = matches.map((match) => describeWord(match, reach)).join('; ');
      return `The need has no category, and you use its words: ${words}.${where}`;
    }
  }
}

function describeWord(match: StoredWordMatch, reach: string): string {
  const read =
    match.kind === WordMatchKind.SPELLING
      ? ` (read as "${match.readAs ?? match.lexeme}")`
      : match.kind === WordMatchKind.COMPOUND
        ? ` (as "${match.readAs ?? match.lexeme}")`
        : '';
  const place = match.named ? 'in your name or keywords' : 'in your description';
  const held = match.vendorsInReach === 1 ? 'only you' : `${match.vendorsInReach}`;
  return `"${match.word}"${read} ${place}, used by ${held}${reach}`;
}
