import { Gazetteer } from './gazetteer/gazetteer';
import { needWords } from './need-words';

const words = (text: string) => needWords(text).words.map((word) => word.word);
const places = (text: string) =>
  needWords(text)
    .leftOut.filter((left) => left.reason === 'PLACE')
    .map((left) => left.typed);

describe('need words: what an intent asks for, without places, postcodes, numbers and filler', () => {
  it('leaves out town and region names, however they are written', () => {
    expect(words('Moving house within Leeds, need removals')).toEqual(['moving', 'removals']);
    expect(places('From leeds to BRISTOL via Stoke-on-Trent and the Lake District')).toEqual([
      'leeds',
      'BRISTOL',
      'Stoke on Trent',
      'Lake District',
    ]);
    expect(words('Funeral in Newcastle upon Tyne')).toEqual(['funeral']);
    expect(words('Two return flights to Lisbon under £400')).toEqual(['return', 'flights']);
  });

  it('treats a place name that is also a word as a place only where the text says so', () => {
    expect(words('New bath fitted in Bath')).toEqual(['new', 'bath', 'fitted']);
    expect(places('New bath fitted in Bath')).toEqual(['Bath']);
    expect(words('Reading glasses repaired')).toEqual(['reading', 'glasses', 'repaired']);
    expect(places('Moving from Leeds, Reading or Bath')).toEqual(['Leeds', 'Reading', 'Bath']);
    // A title in title case: capitals say nothing, the word before still does.
    expect(words('Thatched Roof Repair Near Bath')).toEqual(['thatched', 'roof', 'repair']);
    expect(words('Man And Van For A House Move')).toEqual(['man', 'van', 'move']);
  });

  it('leaves out postcodes, prices and anything with a digit', () => {
    expect(words('Boiler service LS6 3AB, budget 400, 1970s cottage')).toEqual(['boiler', 'budget', 'cottage']);
    expect(needWords('Plumber for EC1A 1BB').leftOut).toEqual(
      expect.arrayContaining([
        { typed: 'EC1A', reason: 'NUMBER' },
        { typed: '1BB', reason: 'NUMBER' },
      ]),
    );
  });

  it('leaves out a string too long to be a word', () => {
    const result = needWords(`harpsichord ${'a'.repeat(5000)}`);
    expect(result.words.map((word) => word.word)).toEqual(['harpsichord']);
    expect(result.leftOut).toEqual([{ typed: 'a'.repeat(80), reason: 'NOT_A_WORD' }]);
  });

  it('leaves out the filler of adverts and requests', () => {
    expect(words('Need a reliable, professional local service: help please!')).toEqual([]);
    expect(words('Looking for someone experienced to restore a harpsichord')).toEqual(['restore', 'harpsichord']);
  });

  it('keeps what was typed, and counts each word once at the weight of its heaviest part', () => {
    const result = needWords([
      { text: 'Hammond organ', weight: 1 },
      { text: 'The Hammond needs a Leslie speaker too', weight: 0.5 },
    ]);
    expect(result.words).toEqual([
      { word: 'hammond', typed: 'Hammond', weight: 1, sentences: [0, 1] },
      { word: 'organ', typed: 'organ', weight: 1, sentences: [0] },
      { word: 'leslie', typed: 'Leslie', weight: 0.5, sentences: [1] },
      { word: 'speaker', typed: 'speaker', weight: 0.5, sentences: [1] },
    ]);
    expect(result.joined.map((word) => word.word)).toEqual(['hammondorgan', 'lesliespeaker']);
  });

  it('numbers the sentences, so a text asking for two things can be read as two', () => {
    const result = needWords([
      { text: 'Restore a longcase clock', weight: 1 },
      { text: "It was my grandmother's. Could also use a harpsichord tuning!", weight: 0.5 },
    ]);
    expect(result.words.map((word) => [word.word, word.sentences])).toEqual([
      ['restore', [0]],
      ['longcase', [0]],
      ['clock', [0]],
      ['grandmothers', [1]],
      ['harpsichord', [2]],
      ['tuning', [2]],
    ]);
  });

  it('joins words written next to each other, not across a word left out', () => {
    expect(needWords('book binding in Leeds').joined.map((word) => word.typed)).toEqual(['book binding']);
    expect(needWords('book, please binding').joined).toEqual([]);
    expect(needWords('book the binding').joined).toEqual([]);
  });

  it('reads accents and apostrophes away, and finds the longest place at each word', () => {
    const gazetteer = new Gazetteer([
      { tokens: ['newcastle'], ambiguous: false },
      { tokens: ['newcastle', 'upon', 'tyne'], ambiguous: false },
      { tokens: ['malmo'], ambiguous: false },
    ]);
    expect(needWords('Café chairs from Malmö to Newcastle upon Tyne', gazetteer).words.map((w) => w.word)).toEqual([
      'cafe',
      'chairs',
    ]);
    expect(needWords("Grandmother's clock", gazetteer).words.map((w) => w.word)).toEqual(['grandmothers', 'clock']);
  });
});
