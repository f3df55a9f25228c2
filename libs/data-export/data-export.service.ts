import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Account, AccountKind, ApiToken, type Viewer } from '@app/accounts';
import { Engagement } from '@app/awards';
import { formatAmount, forbidden, notFound } from '@app/common';
import {
  ConsentReceipt,
  DataUseLogEntry,
  DisclosureGrant,
  DisclosurePolicy,
  DEFAULT_TERMS,
  DEFAULT_TERMS_VERSION,
  IntentPrivacyTerms,
} from '@app/disclosure';
import { IntentComponent, Intent } from '@app/intents';
import { IntentMatch } from '@app/matching';
import { OfferVersion, Offer } from '@app/offers';
import { IntentSolution } from '@app/solutions';
import { VaultService } from '@app/vault';
import { Vendor } from '@app/vendors';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportIntent,
  type ExportMoney,
  type ExportOffer,
  type PersonalDataExport,
} from './personal-data-export';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const money = (minor: string | bigint, currency: string): ExportMoney => ({
  amount: formatAmount(minor, currency.trim()),
  currency: currency.trim(),
});

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** "Everything held about me" as one document, read in one consistent snapshot. */
@Injectable()
export class DataExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: VaultService,
  ) {}

  async exportFor(viewer: Viewer): Promise<PersonalDataExport> {
    if (viewer.kind !== AccountKind.INDIVIDUAL) throw forbidden('Only individuals export their data');
    const individualId = viewer.accountId;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const account = await manager.findOne(Account, { where: { id: individualId } });
      if (!account) throw notFound('Account');
      const intents = await manager.find(Intent, {
        where: { ownerId: individualId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const intentIds = intents.map((intent) => intent.id);
      const offers = await manager.find(Offer, {
        where: { intentId: In(intentIds) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const engagements = await manager.find(Engagement, {
        where: { individualId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const grants = await manager.find(DisclosureGrant, {
        where: { individualId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const log = await manager.find(DataUseLogEntry, {
        where: { individualId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const matches = await manager.find(IntentMatch, {
        where: { intentId: In(intentIds) },
        order: { createdAt: 'ASC' },
      });
      const vendorNames = await this.vendorNames(manager, [
        ...offers.map((o) => o.vendorId),
        ...engagements.map((e) => e.vendorId),
        ...grants.map((g) => g.vendorId),
        ...log.map((l) => l.vendorId),
        ...matches.map((m) => m.vendorId),
      ]);
      const vendorName = (id: string) => vendorNames.get(id) ?? null;
      const apiTokens = await manager.find(ApiToken, {
        where: { accountId: individualId },
        order: { createdAt: 'ASC' },
      });
      const vaultItems = await this.vault.readAll(manager, individualId);
      const receipts = await manager.find(ConsentReceipt, {
        where: { individualId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });

      return {
        format: EXPORT_FORMAT,
        formatVersion: EXPORT_FORMAT_VERSION,
        exportedAt: new Date().toISOString(),
        profile: {
          accountId: account.id,
          kind: account.kind,
          email: account.email,
          displayName: account.displayName,
          createdAt: iso(account.createdAt),
        },
        apiTokens: apiTokens.map((token) => ({
          id: token.id,
          name: token.name,
          createdAt: iso(token.createdAt),
          lastUsedAt: isoOrNull(token.lastUsedAt),
          revokedAt: isoOrNull(token.revokedAt),
        })),
        vault: vaultItems.map((item) => ({
          key: item.key,
          value: item.value,
          sensitivity: item.sensitivity,
          createdAt: iso(item.createdAt),
          updatedAt: iso(item.updatedAt),
        })),
        intents: await this.intents(manager, intents, matches, vendorName),
        offersReceived: await this.offers(manager, offers, vendorName),
        engagements: engagements.map((engagement) => ({
          id: engagement.id,
          intentId: engagement.intentId,
          offerId: engagement.offerId,
          offerVersionId: engagement.offerVersionId,
          vendorId: engagement.vendorId,
          vendorName: vendorName(engagement.vendorId),
          componentIds: engagement.componentIds,
          total: money(engagement.totalMinor, engagement.currency),
          status: engagement.status,
          createdAt: iso(engagement.createdAt),
        })),
        reviews: [],
        disclosureGrants: grants.map((grant) => ({
          id: grant.id,
          intentId: grant.intentId,
          vendorId: grant.vendorId,
          vendorName: vendorName(grant.vendorId),
          stage: grant.stage,
          itemKeys: grant.itemKeys,
          purpose: grant.purpose,
          termsVersion: grant.termsVersion,
          createdAt: iso(grant.createdAt),
          endedAt: isoOrNull(grant.endedAt),
          endReason: grant.endReason,
          revokedAt: isoOrNull(grant.revokedAt),
        })),
        consentReceipts: receipts.map((receipt) => ({
          id: receipt.id,
          grantId: receipt.grantId,
          createdAt: iso(receipt.createdAt),
          receipt: receipt.document,
        })),
        dataUseLog: log.map((entry) => ({
          id: entry.id,
          vendorId: entry.vendorId,
          vendorName: vendorName(entry.vendorId),
          intentId: entry.intentId,
          itemKeys: entry.itemKeys,
          purpose: entry.purpose,
          outcome: entry.outcome,
          detail: entry.detail,
          accessPath: entry.accessPath,
          createdAt: iso(entry.createdAt),
        })),
      };
    });
  }

  private async intents(
    manager: EntityManager,
    intents: Intent[],
    matches: IntentMatch[],
    vendorName: (id: string) => string | null,
  ): Promise<ExportIntent[]> {
    const intentIds = intents.map((intent) => intent.id);
    const components = groupBy(
      await manager.find(IntentComponent, { where: { intentId: In(intentIds) }, order: { position: 'ASC' } }),
      (c) => c.intentId,
    );
    const policies = new Map(
      (await manager.find(DisclosurePolicy, { where: { intentId: In(intentIds) } })).map((p) => [p.intentId, p]),
    );
    const terms = new Map(
      (await manager.find(IntentPrivacyTerms, { where: { intentId: In(intentIds) } })).map((t) => [t.intentId, t]),
    );
    const solutions = groupBy(
      await manager.find(IntentSolution, { where: { intentId: In(intentIds) }, order: { rank: 'ASC' } }),
      (s) => s.intentId,
    );
    const matchesByIntent = groupBy(matches, (m) => m.intentId);
    return intents.map((intent) => {
      const policy = policies.get(intent.id);
      const stated = terms.get(intent.id);
      return {
        id: intent.id,
        title: intent.title,
        description: intent.description,
        status: intent.status,
        categoryCode: intent.categoryCode,
        playbookCode: intent.playbookCode,
        location: {
          postcode: intent.locationText,
          lat: intent.exactLat,
          lng: intent.exactLng,
          coarseLat: intent.coarseLat,
          coarseLng: intent.coarseLng,
          coarseArea: intent.coarseArea,
        },
        window: { start: isoOrNull(intent.windowStart), end: isoOrNull(intent.windowEnd) },
        budget: intent.budgetMinor && intent.budgetCurrency ? money(intent.budgetMinor, intent.budgetCurrency) : null,
        expiresAt: iso(intent.expiresAt),
        openedAt: isoOrNull(intent.openedAt),
        closedAt: isoOrNull(intent.closedAt),
        createdAt: iso(intent.createdAt),
        updatedAt: iso(intent.updatedAt),
        solutionConstraints: { ...intent.solutionConstraints },
        components: (components.get(intent.id) ?? []).map((component) => ({
          id: component.id,
          position: component.position,
          title: component.title,
          description: component.description,
          categoryCode: component.categoryCode,
          optional: component.optional,
        })),
        privacyTerms: stated
          ? {
              version: stated.version,
              stated: true,
              noMarketing: stated.noMarketing,
              noResale: stated.noResale,
              retentionDays: stated.retentionDays,
              updatedAt: iso(stated.updatedAt),
            }
          : { version: DEFAULT_TERMS_VERSION, stated: false, ...DEFAULT_TERMS, updatedAt: null },
        disclosurePolicy: policy
          ? {
              broadcast: policy.broadcastKeys,
              offer: policy.offerKeys,
              award: policy.awardKeys,
              updatedAt: iso(policy.updatedAt),
            }
          : null,
        matches: (matchesByIntent.get(intent.id) ?? []).map((match) => ({
          vendorId: match.vendorId,
          vendorName: vendorName(match.vendorId),
          score: match.score,
          reasons: { ...match.reasons },
          createdAt: iso(match.createdAt),
          declinedAt: isoOrNull(match.declinedAt),
        })),
        solutions: (solutions.get(intent.id) ?? []).map((solution) => ({
          id: solution.id,
          rank: solution.rank,
          total: money(solution.totalMinor, solution.currency),
          saving: solution.savingMinor === null ? null : money(solution.savingMinor, solution.currency),
          provenOptimal: solution.provenOptimal,
          selections: solution.selections,
          vendors: solution.vendors,
          createdAt: iso(solution.createdAt),
        })),
      };
    });
  }

  private async offers(
    manager: EntityManager,
    offers: Offer[],
    vendorName: (id: string) => string | null,
  ): Promise<ExportOffer[]> {
    const versions = groupBy(
      await manager.find(OfferVersion, {
        where: { offerId: In(offers.map((offer) => offer.id)) },
        order: { version: 'ASC' },
      }),
      (v) => v.offerId,
    );
    return offers.map((offer) => ({
      id: offer.id,
      intentId: offer.intentId,
      vendorId: offer.vendorId,
      vendorName: vendorName(offer.vendorId),
      status: offer.status,
      currentVersion: offer.currentVersion,
      createdAt: iso(offer.createdAt),
      updatedAt: iso(offer.updatedAt),
      versions: (versions.get(offer.id) ?? []).map((version) => ({
        id: version.id,
        version: version.version,
        total: money(version.totalMinor, version.currency),
        isBundle: version.isBundle,
        lines: version.lines.map((line) => ({
          componentId: line.componentId,
          price: line.amountMinor === null ? null : money(line.amountMinor, version.currency),
          description: line.description,
        })),
        message: version.message,
        validUntil: iso(version.validUntil),
        createdAt: iso(version.createdAt),
      })),
    }));
  }

  private async vendorNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const vendors = await manager.find(Vendor, { where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
  }
}
