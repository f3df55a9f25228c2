import { type Gazetteer, placeGazetteer } from './gazetteer/gazetteer';
import { normaliseWord } from './gazetteer/place-tokens';

/**
 * Words that say how or where, never what: the vocabulary of adverts and of asking. They appear in
 * most vendors' descriptions ("reliable, professional service") and in most intents ("need help"),
 * so a vendor sharing only these with an intent shares nothing with its need.
 */
export const FILLER_WORDS = new Set(
  (
    'need needs needed needing want wants wanted wanting looking look seeking seek require required requires ' +
    'someone somebody anyone anybody person people company companies firm firms ' +
    'help helping helpful please thanks thank hello ' +
    'local locally nearby area areas around surrounding ' +
    'service services professional professionals professionally reliable reliability ' +
    'quality friendly experienced experience expert experts expertise trusted trustworthy recommended recommend ' +
    'affordable cheap cheapest best great good excellent fast quick quickly urgent urgently asap soon ' +
    'today tomorrow tonight now reasonable reasonably price prices priced pricing quote quotes quotation estimate ' +
    'free available availability job jobs work works task tasks thing things stuff ideally possibly maybe ' +
    'hopefully really very also able get getting got done sort sorted fully insured guaranteed satisfaction ' +
    'customer customers client clients team staff call contact enquiry enquiries ' +
    'day days week weeks weekend weekends month months year years morning mornings evening evenings afternoon ' +
    'monday tuesday wednesday thursday friday saturday sunday january february april may june july august ' +
    'september october november december ' +
    // Everyday words that carry no need either (PostgreSQL's stop words already drop "the", "to", …).
    'could would should might must shall like likes use used using make made put take give go going come ' +
    'let see know think say tell ask try keep still just even much many lot lots bit every whole ' +
    'one two three four five six seven eight nine ten first second last next welcome appreciated touch ' +
    'hi hey regards cheers possible ideal ' +
    // Words of place and direction ("within", "near"): where, not what; "house" and "home" too
    // (a house clearance is a clearance, a care home is care).
    'within without near nr across towards toward via outside inside beside alongside throughout upon ' +
    'house houses home homes'
  ).split(' '),
);

/**
 * PostgreSQL's English stop words (tsearch_data/english.stop): its dictionary gives them no
 * lexeme, so they never match; left out here already, so that what remains reads as the need.
 */
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
    'herself it its itself they them their theirs themselves what which who whom this that these those am is ' +
    'are was were be been being have has had having do does did doing a an the and but if or because as until ' +
    'while of at by for with about against between into through during before after above below to from up down ' +
    'in out on off over under again further then once here there when where why how all any both each few more ' +
    'most other some such no nor not only own same so than too very s t can will just don should now'
  ).split(' '),
);

/** Words after which a capitalised ambiguous place name is a place ("in Bath", "to Reading"). */
const LOCATIVE = new Set(
  'in near nr around from to at into outside within across between towards toward via'.split(' '),
);

/** Words that continue a list of places ("Leeds and Bath"). */
const LIST_WORDS = new Set(['and', 'or']);

export type LeftOutReason = 'PLACE' | 'NUMBER' | 'FILLER' | 'NOT_A_WORD';

/** Longer than any word vendors are indexed by (vendor_words keeps 3-40 letters): not a word. */
export const MAX_WORD_LENGTH = 40;

export interface NeedWord {
  /** Lower case, no accents or apostrophes: the form matching compares. */
  word: string;
  /** As the individual typed it (first occurrence). */
  typed: string;
  /** The weight of the part of the text it is in (the title's, when in both). */
  weight: number;
  /** The sentences it is in (numbered across the parts): a text may ask for two things. */
  sentences: number[];
}

/** A part of an intent's text and how much its words count: a title states the need, a description adds to it. */
export interface TextPart {
  text: string;
  weight: number;
}

export interface NeedWords {
  words: NeedWord[];
  /**
   * Need words written next to each other, joined: "book binding" may be a vendor's
   * "bookbinding", as "rockinghorse" may be its "rocking horse".
   */
  joined: NeedWord[];
  /** Words of the text that do not describe the need, and why (places, postcodes and numbers, filler). */
  leftOut: Array<{ typed: string; reason: LeftOutReason }>;
}

interface Token {
  typed: string;
  word: string;
  /** First word of a sentence (or of the text), where capitals say nothing. */
  sentenceStart: boolean;
  /** Separated from the previous token by a comma, not only by spaces. */
  afterComma: boolean;
}

/** At most this many distinct need words of one text are used. */
export const MAX_NEED_WORDS = 64;

/**
 * The words of an intent's text that describe the need: without place names (from the gazetteer:
 * "Leeds", "Newcastle upon Tyne", and ambiguous ones like "Bath" only where written as a place,
 * capitalised after "in", "to", "near", …), without postcodes and numbers (any word with a digit:
 * "LS6", "3AB", "1970s"), without filler ("need", "reliable", "service", "local") and without
 * English stop words ("the", "to").
 */
export function needWords(parts: string | TextPart[], gazetteer: Gazetteer = placeGazetteer()): NeedWords {
  const texts = typeof parts === 'string' ? [{ text: parts, weight: 1 }] : parts;
  const leftOut: NeedWords['leftOut'] = [];
  const seen = new Map<string, NeedWord>();
  const joined = new Map<string, NeedWord>();
  const add = (
    into: Map<string, NeedWord>,
    word: { word: string; typed: string },
    weight: number,
    sentence: number,
  ) => {
    const known = into.get(word.word);
    if (known) {
      known.weight = Math.max(known.weight, weight);
      if (!known.sentences.includes(sentence)) known.sentences.push(sentence);
    } else if (into.size < MAX_NEED_WORDS) into.set(word.word, { ...word, weight, sentences: [sentence] });
  };
  const sentences = texts.flatMap((part) =>
    part.text.split(/(?<=[.!?;\n])\s+/).map((text) => ({ text, weight: part.weight })),
  );
  sentences.forEach((sentence, number) => {
    const words = partNeedWords(sentence.text, gazetteer, leftOut);
    words.forEach((word, index) => {
      add(seen, { word: word.word, typed: word.typed }, sentence.weight, number);
      const following = words[index + 1];
      if (following && following.at === word.at + 1) {
        const pair = { word: word.word + following.word, typed: `${word.typed} ${following.typed}` };
        add(joined, pair, sentence.weight, number);
      }
    });
  });
  return { words: [...seen.values()], joined: [...joined.values()], leftOut };
}

function partNeedWords(text: string, gazetteer: Gazetteer, leftOut: NeedWords['leftOut']) {
  const tokens = tokenize(text);
  const normalised = tokens.map((token) => token.word);
  const titleCase = isTitleCase(tokens);
  /** `at`: the token's position, to tell words written next to each other. */
  const words: Array<{ word: string; typed: string; at: number }> = [];
  let previousWasPlace = false;
  for (let at = 0; at < tokens.length;) {
    const token = tokens[at];
    const place = gazetteer.placeAt(normalised, at);
    if (place && (!place.ambiguous || writtenAsPlace(tokens, at, titleCase, previousWasPlace))) {
      const end = at + place.tokens.length;
      leftOut.push({
        typed: tokens
          .slice(at, end)
          .map((t) => t.typed)
          .join(' '),
        reason: 'PLACE',
      });
      previousWasPlace = true;
      at = end;
      continue;
    }
    if (!LIST_WORDS.has(token.word)) previousWasPlace = false;
    at += 1;
    if (/\d/.test(token.word)) leftOut.push({ typed: token.typed, reason: 'NUMBER' });
    else if (token.word.length > MAX_WORD_LENGTH)
      leftOut.push({ typed: token.typed.slice(0, 80), reason: 'NOT_A_WORD' });
    else if (FILLER_WORDS.has(token.word)) leftOut.push({ typed: token.typed, reason: 'FILLER' });
    else if (!STOP_WORDS.has(token.word)) words.push({ word: token.word, typed: token.typed, at: at - 1 });
  }
  return words;
}

/**
 * An ambiguous place name counts as a place when capitalised (and not merely as the first word of
 * a sentence, unless the text capitalises every word) after a locative word ("in Bath") or in a
 * list of places ("Leeds, Bath or York").
 */
function writtenAsPlace(tokens: Token[], at: number, titleCase: boolean, previousWasPlace: boolean): boolean {
  const token = tokens[at];
  if (!/^\p{Lu}/u.test(token.typed)) return false;
  if (token.sentenceStart && !titleCase) return false;
  const previous = tokens[at - 1];
  if (!previous) return false;
  if (LOCATIVE.has(previous.word)) return true;
  return previousWasPlace && (token.afterComma || LIST_WORDS.has(previous.word));
}

/** Most longer words capitalised ("Thatched Roof Repair In Bath"): capitals then say nothing. */
function isTitleCase(tokens: Token[]): boolean {
  const words = tokens.filter((token) => token.word.length >= 4 && /^\p{L}/u.test(token.typed));
  if (words.length < 2) return false;
  return words.filter((token) => /^\p{Lu}/u.test(token.typed)).length / words.length >= 0.6;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let separator = '.';
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\p{L}\p{N}]+/gu)) {
    const part = match[0];
    if (!/^[\p{L}\p{N}]/u.test(part)) {
      separator += part;
      continue;
    }
    const word = normaliseWord(part);
    tokens.push({
      typed: part,
      word,
      sentenceStart: /[.!?:;\n]/.test(separator),
      afterComma: separator.includes(','),
    });
    separator = '';
  }
  return tokens;
}
