import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { type Page, conflict, decodeCursor, notFound, requireId, toPage } from '@app/common';
import { type Viewer, requireVendor } from '@app/accounts';
import { type PageRequest, assertMillisecondCreatedAt } from '@app/database';
import { IntentStatus } from '@app/intents';
import { IntentMatch } from './intent-match.entity';

export interface FeedRequest extends PageRequest {
  /** Also list intents that are no longer open (awarded, expired, withdrawn). */
  includeClosed?: boolean | null;
  /** Also list intents the vendor declined. */
  includeDeclined?: boolean | null;
}

/**
 * A vendor's view of the market: the intents matched to it, newest match first, with why they
 * matched. Nothing else of the market is reachable from here.
 */
@Injectable()
export class VendorFeedService {
  constructor(private readonly dataSource: DataSource) {}

  async list(viewer: Viewer, request: FeedRequest): Promise<Page<IntentMatch>> {
    const vendorId = requireVendor(viewer, 'have a feed');
    const repository = this.dataSource.getRepository(IntentMatch);
    assertMillisecondCreatedAt(repository.metadata);
    const query = repository
      .createQueryBuilder('match')
      .innerJoinAndSelect('match.intent', 'intent')
      .where('match.vendor_id = :vendorId', { vendorId })
      .andWhere('intent.status <> :draft', { draft: IntentStatus.DRAFT });
    if (!request.includeClosed) query.andWhere('intent.status = :open', { open: IntentStatus.OPEN });
    if (!request.includeDeclined) query.andWhere('match.declined_at IS NULL');
    if (request.after) {
      const position = decodeCursor(request.after);
      query.andWhere(
        new Brackets((where) =>
          where
            .where('match.created_at < :afterAt', { afterAt: position.at })
            .orWhere('(match.created_at = :afterAt AND match.intent_id < :afterId)', { afterId: position.id }),
        ),
      );
    }
    const rows = await query
      .orderBy('match.created_at', 'DESC')
      .addOrderBy('match.intent_id', 'DESC')
      .take(request.first + 1)
      .getMany();
    return toPage(rows, request.first, (match) => ({ at: match.createdAt, id: match.intentId }));
  }

  /**
   * Feed items by (vendor, intent), in one query, null where the intent is not (or no longer)
   * matched to that vendor. For live events: each is checked against the database as it goes out.
   */
  async findItems(keys: ReadonlyArray<{ vendorId: string; intentId: string }>): Promise<Array<IntentMatch | null>> {
    if (keys.length === 0) return [];
    const matches = await this.dataSource
      .getRepository(IntentMatch)
      .createQueryBuilder('match')
      .innerJoinAndSelect('match.intent', 'intent')
      .where('(match.vendor_id, match.intent_id) IN (SELECT * FROM unnest(:vendorIds::uuid[], :intentIds::uuid[]))', {
        vendorIds: keys.map((key) => requireId(key.vendorId, 'vendorId')),
        intentIds: keys.map((key) => requireId(key.intentId, 'intentId')),
      })
      .andWhere('intent.status <> :draft', { draft: IntentStatus.DRAFT })
      .getMany();
    const byKey = new Map(matches.map((match) => [`${match.vendorId}:${match.intentId}`, match]));
    return keys.map((key) => byKey.get(`${key.vendorId.toLowerCase()}:${key.intentId.toLowerCase()}`) ?? null);
  }

  /** The vendor will not offer: the intent leaves its feed (still readable, as it was matched). */
  async decline(viewer: Viewer, intentId: string): Promise<IntentMatch> {
    const vendorId = requireVendor(viewer, 'have a feed');
    const id = requireId(intentId, 'intentId');
    return this.dataSource.transaction(async (manager) => {
      const match = await manager
        .createQueryBuilder(IntentMatch, 'match')
        .innerJoinAndSelect('match.intent', 'intent')
        .setLock('pessimistic_write', undefined, ['match'])
        .where('match.vendor_id = :vendorId AND match.intent_id = :id', { vendorId, id })
        .andWhere('intent.status <> :draft', { draft: IntentStatus.DRAFT })
        .getOne();
      if (!match) throw notFound('Intent');
      if (match.declinedAt) return match;
      const active = await manager.query(
        `SELECT 1 FROM offers WHERE intent_id = $1 AND vendor_id = $2 AND status = 'active' LIMIT 1`,
        [id, vendorId],
      );
      if (active.length > 0) throw conflict('Withdraw your active offer on this intent before declining it');
      match.declinedAt = new Date();
      await manager.update(IntentMatch, { intentId: id, vendorId }, { declinedAt: match.declinedAt });
      return match;
    });
  }
}
