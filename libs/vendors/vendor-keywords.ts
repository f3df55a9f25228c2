/**
 * A vendor's keywords as it typed them: each trimmed, blanks dropped, and a keyword that differs
 * from an earlier one only in case left out (the first spelling stays). Nothing is lower-cased:
 * matching is case-insensitive anyway, because the search document is built from them by
 * to_tsvector (see the vendors_search_document_refresh trigger), which lower-cases and stems.
 */
export function normalizeKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const keyword of keywords) {
    const trimmed = keyword.trim();
    const key = trimmed.normalize('NFC').toLowerCase();
    if (trimmed === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(trimmed);
  }
  return kept;
}
