import { normalizeKeywords } from './vendor-keywords';

describe('normalizeKeywords', () => {
  it('keeps what the vendor typed, trimmed, without case-insensitive duplicates (first spelling wins)', () => {
    expect(normalizeKeywords(['  Piano Moving ', 'HGV', 'piano moving', 'hgv', 'Man and Van', 'PIANO MOVING'])).toEqual(
      ['Piano Moving', 'HGV', 'Man and Van'],
    );
  });

  it('drops blank keywords and treats composed and decomposed accents alike', () => {
    expect(normalizeKeywords([' ', 'Café', 'cafe\u0301', 'CAFÉ', ''])).toEqual(['Café']);
  });

  it('leaves distinct keywords and their order alone', () => {
    expect(normalizeKeywords(['iOS', 'macOS', 'B&B'])).toEqual(['iOS', 'macOS', 'B&B']);
  });
});
