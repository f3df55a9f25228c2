import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccountKind, AccountsService, type Viewer } from '@app/accounts';

interface SessionClaims {
  sub: string;
  kind: AccountKind;
  vid: string | null;
}

/** How long a "this account is still active" answer is reused before asking the database again. */
const ACTIVE_CHECK_TTL_MS = 10_000;

export type Authentication = { viewer: Viewer } | { viewer: null; invalidCredential: boolean };

/** Turns the credential of a request (session JWT or API token) into a viewer. */
@Injectable()
export class ViewerService {
  private readonly activeUntil = new Map<string, number>();

  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: AccountsService,
  ) {}

  /** Accounts erased recently: refused even if a lookup that started before the erasure re-caches them. */
  private readonly erasedUntil = new Map<string, number>();

  /** The account was erased: drop its cached "active" answer, so its sessions fail from the next request. */
  forget(accountId: string): void {
    this.activeUntil.delete(accountId);
    if (this.erasedUntil.size > 10_000) this.erasedUntil.clear();
    this.erasedUntil.set(accountId, Date.now() + 6 * ACTIVE_CHECK_TTL_MS);
  }

  issueSession(viewer: Viewer): string {
    const claims: SessionClaims = { sub: viewer.accountId, kind: viewer.kind, vid: viewer.vendorId };
    return this.jwt.sign(claims);
  }

  async authenticate(authorization: unknown): Promise<Authentication> {
    if (typeof authorization !== 'string' || authorization.trim() === '') {
      return { viewer: null, invalidCredential: false };
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return { viewer: null, invalidCredential: true };
    const credential = match[1];
    const viewer = AccountsService.isApiToken(credential)
      ? await this.accounts.viewerForApiToken(credential)
      : await this.fromSession(credential);
    return viewer ? { viewer } : { viewer: null, invalidCredential: true };
  }

  private async fromSession(token: string): Promise<Viewer | null> {
    let claims: SessionClaims;
    try {
      claims = await this.jwt.verifyAsync<SessionClaims>(token);
    } catch {
      return null;
    }
    const viewer: Viewer = { accountId: claims.sub, kind: claims.kind, vendorId: claims.vid };
    if ((this.erasedUntil.get(viewer.accountId) ?? 0) > Date.now()) return null;
    if ((this.activeUntil.get(viewer.accountId) ?? 0) > Date.now()) return viewer;
    // Erased or deleted accounts lose their sessions within ACTIVE_CHECK_TTL_MS.
    const active = await this.accounts.activeViewer(viewer.accountId).catch(() => null);
    if (!active) return null;
    if (this.activeUntil.size > 100_000) this.activeUntil.clear();
    this.activeUntil.set(viewer.accountId, Date.now() + ACTIVE_CHECK_TTL_MS);
    return active;
  }
}
