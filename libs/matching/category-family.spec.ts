import { FamilyRelation, categoryFamily } from './category-family';

const TREE = [
  { code: 'moving', parentCode: null },
  { code: 'moving.removals', parentCode: 'moving' },
  { code: 'moving.removals.piano', parentCode: 'moving.removals' },
  { code: 'moving.removals.office', parentCode: 'moving.removals' },
  { code: 'moving.van_hire', parentCode: 'moving' },
  { code: 'travel', parentCode: null },
];

const relations = (code: string) =>
  Object.fromEntries(categoryFamily(code, TREE).map((member) => [member.code, member.relation]));

describe('category family', () => {
  it('is the category, everything below it, and its parent: never a sibling or a grandparent', () => {
    expect(relations('moving.removals')).toEqual({
      'moving.removals': FamilyRelation.SAME,
      'moving.removals.piano': FamilyRelation.NARROWER,
      'moving.removals.office': FamilyRelation.NARROWER,
      moving: FamilyRelation.BROADER,
    });
    expect(relations('moving.removals.piano')).toEqual({
      'moving.removals.piano': FamilyRelation.SAME,
      'moving.removals': FamilyRelation.BROADER,
    });
  });

  it('reaches every level below a top category', () => {
    expect(Object.keys(relations('moving')).sort()).toEqual([
      'moving',
      'moving.removals',
      'moving.removals.office',
      'moving.removals.piano',
      'moving.van_hire',
    ]);
    expect(relations('travel')).toEqual({ travel: FamilyRelation.SAME });
  });

  it('fits the exact category best, then narrower, then broader ones', () => {
    const fit = Object.fromEntries(categoryFamily('moving.removals', TREE).map((m) => [m.code, m.fit]));
    expect(fit['moving.removals']).toBeGreaterThan(fit['moving.removals.piano']);
    expect(fit['moving.removals.piano']).toBeGreaterThan(fit.moving);
  });

  it('is empty for an unknown category', () => {
    expect(categoryFamily('nope', TREE)).toEqual([]);
  });
});
