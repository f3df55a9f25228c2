import type { AssemblyComponent, AssemblyOffer } from '../types';

/** Terse builders for hand-written test instances. */
export function components(...ids: string[]): AssemblyComponent[] {
  return ids.map((id) => (id.endsWith('?') ? { id: id.slice(0, -1), optional: true } : { id }));
}

/** `offer('o1', 'v1', 'a+b', 100)`: vendor v1 offers components a and b for 100; rating 4.5 by default. */
export function offer(
  id: string,
  vendorId: string,
  componentIds: string,
  price: number,
  vendorRating: number | null = 4.5,
): AssemblyOffer {
  return { id, vendorId, componentIds: componentIds.split('+'), price, vendorRating };
}
