import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type Account, AccountKind, AccountsService, type Viewer } from '@app/accounts';
import { VendorsService } from '@app/vendors';

interface SessionClaims {
  sub: string;
  kind: AccountKind;
  vid: string | null;
}

/** How long a "this account is still active" answer is reused before asking the database again. */
const ACTIVE_CHECK_TTL_MS = 10_000;
/**
 * Within this long of its expiry, a request that still uses the cached answer also starts one
 * background re-check (at most one per account at a time). A busy account thus never sees its
 * answer expire: otherwise every request in flight at that moment (all 50 connections of a client,
 * say) missed at once and each queued its own lookup for the same account, a burst of latency every
 * ten seconds. No answer is ever used for longer than ACTIVE_CHECK_TTL_MS after it was read.
 */
const ACTIVE_REFRESH_AHEAD_MS = 2_000;

export type Authentication = { viewer: Viewer } | { viewer: null; invalidCredential: boolean };

/** Turns the credential of a request (session JWT or API token) into a viewer. */
@Injectable()
export class ViewerService {
  private readonly activeUntil = new Map<string, number>();
  /** Accounts whose background re-check is running. */
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: AccountsService,
    private readonly vendors: VendorsService,
  ) {}

  /** The viewer of an account: a vendor account carries its vendor profile's id. */
  async viewerOf(account: Pick<Account, 'id' | 'kind'>): Promise<Viewer> {
    const vendorId = account.kind === AccountKind.VENDOR ? await this.vendors.vendorIdOf(account.id) : null;
    return { accountId: account.id, kind: account.kind, vendorId };
  }

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
      ? await this.fromApiToken(credential)
      : await this.fromSession(credential);
    return viewer ? { viewer } : { viewer: null, invalidCredential: true };
  }

  private async fromApiToken(token: string): Promise<Viewer | null> {
    const account = await this.accounts.accountForApiToken(token);
    return account ? this.viewerOf(account) : null;
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
    const now = Date.now();
    const until = this.activeUntil.get(viewer.accountId) ?? 0;
    if (until > now) {
      if (until - now <= ACTIVE_REFRESH_AHEAD_MS) this.refresh(viewer.accountId);
      return viewer;
    }
    // Erased or deleted accounts lose their sessions within ACTIVE_CHECK_TTL_MS.
    const active = await this.accounts.activeAccount(viewer.accountId).catch(() => null);
    if (!active) return null;
    this.markActive(viewer.accountId, Date.now());
    return viewer;
  }

  private markActive(accountId: string, readAt: number): void {
    if (this.activeUntil.size > 100_000) this.activeUntil.clear();
    this.activeUntil.set(accountId, readAt + ACTIVE_CHECK_TTL_MS);
  }

  /** Re-reads whether the account is active, in the background; see ACTIVE_REFRESH_AHEAD_MS. */
  private refresh(accountId: string): void {
    if (this.refreshing.has(accountId)) return;
    this.refreshing.add(accountId);
    const startedAt = Date.now();
    this.accounts
      .activeAccount(accountId)
      .then(
        (active) => {
          // Counted from when the read started, so the answer is never older than the TTL allows.
          if (active) this.markActive(accountId, startedAt);
          else this.activeUntil.delete(accountId);
        },
        // A failed re-check changes nothing: the cached answer expires as it would have.
        () => undefined,
      )
      .finally(() => this.refreshing.delete(accountId));
  }
}
