export interface TaxonomyEntry {
  code: string;
  name: string;
  parentCode: string | null;
  keywords: string[];
}
// TEMPORARY stand-in until the full taxonomy lands.
export const TAXONOMY_V1: readonly TaxonomyEntry[] = [
  { code: 'moving', name: 'Moving house', parentCode: null, keywords: ['moving', 'relocation'] },
  { code: 'moving.removals', name: 'Removals', parentCode: 'moving', keywords: ['removals', 'movers'] },
  { code: 'moving.cleaning', name: 'End of tenancy cleaning', parentCode: 'moving', keywords: ['cleaning'] },
];
