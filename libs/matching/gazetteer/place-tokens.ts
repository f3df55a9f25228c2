/**
 * Lower-case word tokens of a text, the way place names and intent text are compared: accents
 * dropped ("Malmö" → "malmo"), apostrophes dropped ("Bishop's" → "bishops"), anything else that is
 * not a letter or digit separates words ("Stoke-on-Trent" → stoke, on, trent).
 */
export function placeTokens(text: string): string[] {
  return normaliseWord(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Lower case, no accents, no apostrophes: the form tokens are compared in. */
export function normaliseWord(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’`]/g, '').toLowerCase();
}
