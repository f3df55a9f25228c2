import { forbidden } from '@app/common';
import { AccountKind } from './account.entity';

/** Who is calling: resolved from a session JWT or an API token on every request. */
export interface Viewer {
  accountId: string;
  kind: AccountKind;
  /** Set for vendor accounts. */
  vendorId: string | null;
}

/** The viewer's vendor id; FORBIDDEN for anyone else ("Only vendors <what>"). */
export function requireVendor(viewer: Viewer, what: string): string {
  if (viewer.kind !== AccountKind.VENDOR || !viewer.vendorId) throw forbidden(`Only vendors ${what}`);
  return viewer.vendorId;
}

/** The viewer's account id if an individual; FORBIDDEN for anyone else ("Only individuals <what>"). */
export function requireIndividual(viewer: Viewer, what: string): string {
  if (viewer.kind !== AccountKind.INDIVIDUAL) throw forbidden(`Only individuals ${what}`);
  return viewer.accountId;
}
