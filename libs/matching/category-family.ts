/** How a vendor's category relates to the need's category. */
export enum FamilyRelation {
  /** The need's own category. */
  SAME = 'SAME',
  /** A more specific kind of it (a child, or a child's child): a piano mover for "removals". */
  NARROWER = 'NARROWER',
  /** Its parent: a removals firm for "piano moving". */
  BROADER = 'BROADER',
}

/** Category fit by relation: the exact category fits best. */
export const FAMILY_FIT: Record<FamilyRelation, number> = {
  [FamilyRelation.SAME]: 1,
  [FamilyRelation.NARROWER]: 0.9,
  [FamilyRelation.BROADER]: 0.8,
};

export interface FamilyMember {
  code: string;
  relation: FamilyRelation;
  fit: number;
}

export interface CategoryNode {
  code: string;
  parentCode: string | null;
}

/**
 * The category family of a need's category: the category itself, everything below it, and its
 * parent. Grandparents and siblings are not in it: "moving" is too broad for a piano move, and
 * van hire is no removals firm.
 */
export function categoryFamily(code: string, categories: readonly CategoryNode[]): FamilyMember[] {
  const byCode = new Map(categories.map((category) => [category.code, category]));
  const node = byCode.get(code);
  if (!node) return [];
  const children = new Map<string, string[]>();
  for (const category of categories) {
    if (category.parentCode)
      children.set(category.parentCode, [...(children.get(category.parentCode) ?? []), category.code]);
  }
  const member = (memberCode: string, relation: FamilyRelation) => ({
    code: memberCode,
    relation,
    fit: FAMILY_FIT[relation],
  });
  const family: FamilyMember[] = [member(code, FamilyRelation.SAME)];
  const below = [...(children.get(code) ?? [])];
  while (below.length > 0) {
    const next = below.shift()!;
    family.push(member(next, FamilyRelation.NARROWER));
    below.push(...(children.get(next) ?? []));
  }
  if (node.parentCode && byCode.has(node.parentCode)) family.push(member(node.parentCode, FamilyRelation.BROADER));
  return family;
}
