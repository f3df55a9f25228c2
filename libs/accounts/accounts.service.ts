import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { type Page, conflict, notFound, requireId, unauthenticated } from '@app/common';
import { type PageRequest, keysetPage } from '@app/database';
import { Account, AccountKind } from './account.entity';
import { ApiToken } from './api-token.entity';
import type { Viewer } from './viewer';

export interface SignUpCommand {
  kind: AccountKind;
  email: string;
  password: string;
  displayName: string;
}

const API_TOKEN_PREFIX = 'ic_';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AccountsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the account in one transaction with whatever `alsoCreate` adds to it (a vendor's
   * profile: VendorsService.signUp), so a failure leaves neither.
   */
  async signUp(
    command: SignUpCommand,
    alsoCreate: (manager: EntityManager, account: Account) => Promise<void> = async () => undefined,
  ): Promise<Account> {
    const email = command.email.trim().toLowerCase();
    const passwordHash = await argon2Hash(command.password);
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(Account, { where: { email }, select: { id: true } });
      if (existing) throw conflict('An account with this email already exists');
      const account = await manager.save(
        manager.create(Account, { kind: command.kind, email, passwordHash, displayName: command.displayName }),
      );
      await alsoCreate(manager, account);
      return account;
    });
  }

  async logIn(emailInput: string, password: string): Promise<Account> {
    const email = emailInput.trim().toLowerCase();
    const account = await this.dataSource.getRepository(Account).findOne({ where: { email, erasedAt: IsNull() } });
    // Verify against a throwaway hash when the account is missing, so timing does not reveal which emails exist.
    const passwordHash = account?.passwordHash ?? DUMMY_HASH;
    const valid = await argon2Verify(passwordHash, password).catch(() => false);
    if (!account || !valid) throw unauthenticated('Email or password is incorrect');
    return account;
  }

  async findAccount(id: string): Promise<Account> {
    const account = await this.dataSource.getRepository(Account).findOne({ where: { id: requireId(id) } });
    if (!account) throw notFound('Account');
    return account;
  }

  /** The account, or null when it no longer exists or was erased. */
  async activeAccount(accountId: string): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOne({ where: { id: requireId(accountId), erasedAt: IsNull() } });
  }

  /** Returns the secret once; only its SHA-256 is stored. */
  async createApiToken(viewer: Viewer, name: string): Promise<{ token: string; apiToken: ApiToken }> {
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const repository = this.dataSource.getRepository(ApiToken);
    const apiToken = await repository.save(
      repository.create({ accountId: viewer.accountId, name, tokenHash: hashToken(token) }),
    );
    return { token, apiToken };
  }

  async listApiTokens(viewer: Viewer, page: PageRequest): Promise<Page<ApiToken>> {
    const query = this.dataSource
      .getRepository(ApiToken)
      .createQueryBuilder('token')
      .where('token.account_id = :accountId', { accountId: viewer.accountId });
    return keysetPage(query, 'token', page);
  }

  async revokeApiToken(viewer: Viewer, id: string): Promise<ApiToken> {
    const repository = this.dataSource.getRepository(ApiToken);
    const apiToken = await repository.findOne({ where: { id: requireId(id), accountId: viewer.accountId } });
    if (!apiToken) throw notFound('API token');
    if (!apiToken.revokedAt) {
      apiToken.revokedAt = new Date();
      await repository.save(apiToken);
    }
    return apiToken;
  }

  static isApiToken(credential: string): boolean {
    return credential.startsWith(API_TOKEN_PREFIX);
  }

  /** The account of an API token; null when unknown, revoked or the account is gone. */
  async accountForApiToken(token: string): Promise<Account | null> {
    const repository = this.dataSource.getRepository(ApiToken);
    const apiToken = await repository.findOne({ where: { tokenHash: hashToken(token), revokedAt: IsNull() } });
    if (!apiToken) return null;
    const account = await this.activeAccount(apiToken.accountId);
    if (account && (!apiToken.lastUsedAt || Date.now() - apiToken.lastUsedAt.getTime() > 60_000)) {
      await repository.update({ id: apiToken.id }, { lastUsedAt: new Date() });
    }
    return account;
  }
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0uDNBNqM4Bk3aMLJ4mxHzkJB+L9AmwQ1dU9a6n6VSiA';
