import { AMBIGUOUS_PLACE_NAMES, PLACE_NAMES } from './gazetteer.data';

/** A place name as a sequence of tokens; `ambiguous` when it is also a common word ("bath"). */
export interface PlaceName {
  tokens: string[];
  ambiguous: boolean;
}

/**
 * Place names by their first token, longest first, so the longest name at a position wins
 * ("newcastle upon tyne" over "newcastle").
 */
export class Gazetteer {
  private readonly byFirstToken = new Map<string, PlaceName[]>();

  constructor(places: Iterable<PlaceName>) {
    for (const place of places) {
      const list = this.byFirstToken.get(place.tokens[0]) ?? [];
      list.push(place);
      this.byFirstToken.set(place.tokens[0], list);
    }
    for (const list of this.byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** Whether a single word is a place name and nothing else ("bristol", not "bath"). */
  isPlaceName(word: string): boolean {
    return (this.byFirstToken.get(word) ?? []).some((place) => place.tokens.length === 1 && !place.ambiguous);
  }

  /** The longest place name starting at `tokens[at]`, if any. */
  placeAt(tokens: readonly string[], at: number): PlaceName | null {
    for (const place of this.byFirstToken.get(tokens[at]) ?? []) {
      if (place.tokens.every((token, offset) => tokens[at + offset] === token)) return place;
    }
    return null;
  }
}

const parse = (names: string, ambiguous: boolean): PlaceName[] =>
  names.split('|').map((name) => ({ tokens: name.split(' '), ambiguous }));

let shared: Gazetteer | null = null;

/** The UK and world place names of gazetteer.data.ts (built once, on first use). */
export function placeGazetteer(): Gazetteer {
  shared ??= new Gazetteer([...parse(PLACE_NAMES, false), ...parse(AMBIGUOUS_PLACE_NAMES, true)]);
  return shared;
}
