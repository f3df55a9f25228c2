import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { verify as argon2Verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { Account, AccountKind, type Viewer } from '@app/accounts';
import { conflict, forbidden, notFound } from '@app/common';
import { AppConfig } from '@app/config';
import { RedisConnection } from '@app/redis';
import { ErasureJobs } from './erasure-jobs';
import { ErasureRequest, ErasureStatus } from './erasure-request.entity';
import { publishSessionRevoked } from './session-revocation';

const TOKEN_PREFIX = 'er_';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ErasureReceiptView {
  receiptId: string;
  status: ErasureStatus;
  requestedAt: Date;
  completedAt: Date | null;
  summary: ErasureRequest['summary'];
}

const toView = (request: ErasureRequest): ErasureReceiptView => ({
  receiptId: request.id,
  status: request.status,
  requestedAt: request.requestedAt,
  completedAt: request.completedAt,
  summary: request.summary,
});

/**
 * "Delete me", the API side: confirms with the password, locks the account at once (no more
 * sign-ins, sessions or API tokens), records the request and queues the worker job that erases.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ErasureJobs,
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {}

  async request(viewer: Viewer, password: string): Promise<{ token: string; receipt: ErasureReceiptView }> {
    if (viewer.kind !== AccountKind.INDIVIDUAL) {
      throw forbidden('Only individual accounts can be erased here; vendor accounts are closed by support');
    }
    const account = await this.dataSource.getRepository(Account).findOne({ where: { id: viewer.accountId } });
    if (!account || account.erasedAt) throw conflict('This account is already being erased');
    const valid = account.passwordHash ? await argon2Verify(account.passwordHash, password).catch(() => false) : false;
    if (!valid) throw forbidden('The password is incorrect');

    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const request = await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(Account, { where: { id: account.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.erasedAt) throw conflict('This account is already being erased');
      const created = manager.create(ErasureRequest, {
        id: randomUUID(),
        accountId: account.id,
        tokenHash: hashToken(token),
        status: ErasureStatus.PENDING,
        summary: {},
        completedAt: null,
      });
      await manager.insert(ErasureRequest, created);
      await manager.update(Account, { id: account.id }, { erasedAt: new Date() });
      await manager.query(`UPDATE api_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`, [
        account.id,
      ]);
      return manager.findOneOrFail(ErasureRequest, { where: { id: created.id } });
    });
    await publishSessionRevoked(this.redis.client, this.config.REDIS_PREFIX, account.id);
    await this.jobs.enqueue(request.id);
    return { token, receipt: toView(request) };
  }

  /** The receipt for a token; public, and names no one. */
  async receipt(token: string): Promise<ErasureReceiptView> {
    const request = token.startsWith(TOKEN_PREFIX)
      ? await this.dataSource.getRepository(ErasureRequest).findOne({ where: { tokenHash: hashToken(token) } })
      : null;
    if (!request) throw notFound('Erasure receipt');
    return toView(request);
  }
}
