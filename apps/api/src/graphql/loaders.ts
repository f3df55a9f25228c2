import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AccountKind, type Viewer } from '@app/accounts';
import { AwardsService, type Engagement } from '@app/awards';
import type { Page } from '@app/common';
import {
  type ConsentReceipt,
  ConsentReceiptsService,
  type DisclosedItem,
  DisclosurePolicyService,
  DisclosureReader,
  type PolicyView,
  type TermsView,
} from '@app/disclosure';
import { type Intent, type IntentComponent, IntentsService } from '@app/intents';
import { type IntentMatch, VendorFeedService } from '@app/matching';
import { type Offer, OffersService, type OfferVersion } from '@app/offers';
import { type PlaybookComponent, PlaybooksService } from '@app/playbooks';
import { type Category, TaxonomyService } from '@app/taxonomy';
import { type Vendor, VendorsService } from '@app/vendors';
import { WebhookDeliveriesService, type WebhookDeliveryAttempt } from '@app/webhooks';

// Every DataLoader of the API is created in this file (a lint rule refuses `new DataLoader` and the
// `dataloader` import anywhere else): a resolver batches a read through a named, typed loader below.

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Where a vendor read disclosed data: the data-use log records it with each read. */
export type DisclosureAccessPath = 'Intent.disclosedItems' | 'Engagement.disclosedItems';

/**
 * The DataLoaders of one request, or of one subscription event (each event gets its own, so nothing
 * read for one event answers the next). Loaders hold no authorisation of their own: a resolver uses
 * one only for a relation of a record the viewer was already allowed to see; those that act as the
 * viewer (offer pages, engagements, the vendor's disclosure reads) refuse to run without one.
 */
export interface Loaders {
  vendor: DataLoader<string, Vendor | null>;
  intent: DataLoader<string, Intent | null>;
  offer: DataLoader<string, Offer | null>;
  intentComponents: DataLoader<string, IntentComponent[]>;
  currentOfferVersion: DataLoader<string, OfferVersion | null>;
  offerVersion: DataLoader<string, OfferVersion | null>;
  category: DataLoader<string, Category | null>;
  /** First page of an intent's offers as the viewer may see them, per page size. */
  offerPages(first: number): DataLoader<string, Page<Offer>>;
  /** First page of an offer's versions, per page size. */
  versionPages(first: number): DataLoader<string, Page<OfferVersion>>;
  engagementsByIntent: DataLoader<string, Engagement[]>;
  playbookComponents: DataLoader<string, PlaybookComponent[]>;
  /** An intent's disclosure policy (defaults where none was set), by intent id. */
  disclosurePolicy: DataLoader<string, PolicyView>;
  /** An intent's privacy terms (defaults where none were stated), by intent id. */
  privacyTerms: DataLoader<string, TermsView>;
  /** Whether the viewing vendor accepted an intent's current terms, by intent id. */
  termsAcceptedByViewer: DataLoader<string, boolean>;
  /** A disclosure grant's consent receipt, by grant id. */
  consentReceiptByGrant: DataLoader<string, ConsentReceipt>;
  /** What the viewing vendor may read of an intent's disclosed data, by intent id; every read is logged. */
  disclosedItems(accessPath: DisclosureAccessPath): DataLoader<string, DisclosedItem[]>;
  /** A webhook delivery's latest attempts, oldest first, by delivery id. */
  webhookDeliveryAttempts: DataLoader<string, WebhookDeliveryAttempt[]>;
}

/** One DataLoader per parameter (a page size, an access path), created on first use. */
function perParameter<P, V>(create: (parameter: P) => DataLoader<string, V>): (parameter: P) => DataLoader<string, V> {
  const loaders = new Map<P, DataLoader<string, V>>();
  return (parameter) => {
    let loader = loaders.get(parameter);
    if (!loader) {
      loader = create(parameter);
      loaders.set(parameter, loader);
    }
    return loader;
  };
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly vendors: VendorsService,
    private readonly intents: IntentsService,
    private readonly offers: OffersService,
    private readonly taxonomy: TaxonomyService,
    private readonly awards: AwardsService,
    private readonly playbooks: PlaybooksService,
    private readonly policies: DisclosurePolicyService,
    private readonly receipts: ConsentReceiptsService,
    private readonly reader: DisclosureReader,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  create(viewer: Viewer | null): Loaders {
    const denied = async (): Promise<never> => {
      throw new Error('relation loaders need a signed-in viewer');
    };
    const vendorId = viewer?.kind === AccountKind.VENDOR ? viewer.vendorId : undefined;
    return {
      offerPages: perParameter(
        (first: number) =>
          new DataLoader(async (ids) => (viewer ? this.offers.firstPagesForIntents(viewer, ids, first) : denied())),
      ),
      versionPages: perParameter(
        (first: number) => new DataLoader(async (ids) => this.offers.firstVersionPages(ids, first)),
      ),
      engagementsByIntent: new DataLoader(async (ids) => (viewer ? this.awards.listForIntents(viewer, ids) : denied())),
      vendor: new DataLoader(async (ids) => byKey(ids, await this.vendors.findByIds(ids), (v) => v.id)),
      intent: new DataLoader(async (ids) => byKey(ids, await this.intents.findByIds(ids), (i) => i.id)),
      offer: new DataLoader(async (ids) => byKey(ids, await this.offers.findByIds(ids), (o) => o.id)),
      intentComponents: new DataLoader(async (ids) =>
        groupByKey(ids, await this.intents.componentsByIntentIds(ids), (c) => c.intentId),
      ),
      currentOfferVersion: new DataLoader(async (ids) =>
        byKey(ids, await this.offers.currentVersions(ids), (v) => v.offerId),
      ),
      offerVersion: new DataLoader(async (ids) => byKey(ids, await this.offers.findVersionsByIds(ids), (v) => v.id)),
      playbookComponents: new DataLoader(async (codes) =>
        groupByKey(codes, await this.playbooks.componentsByCodes(codes), (c) => c.playbookCode),
      ),
      category: new DataLoader(async (codes) => byKey(codes, await this.taxonomy.findByCodes(codes), (c) => c.code)),
      disclosurePolicy: new DataLoader(async (ids) => this.policies.policiesFor(ids)),
      privacyTerms: new DataLoader(async (ids) => this.policies.termsFor(ids)),
      termsAcceptedByViewer: new DataLoader(async (ids) =>
        vendorId ? this.policies.acceptedCurrent(vendorId, ids) : denied(),
      ),
      consentReceiptByGrant: new DataLoader(async (ids) => {
        const byGrant = new Map((await this.receipts.byGrantIds(ids)).map((row) => [row.grantId, row]));
        return ids.map((id) => byGrant.get(id) ?? new Error(`no receipt for grant ${id}`));
      }),
      disclosedItems: perParameter(
        (accessPath: DisclosureAccessPath) =>
          new DataLoader<string, DisclosedItem[]>(async (ids) =>
            viewer ? this.reader.readForVendor(viewer, ids, accessPath) : denied(),
          ),
      ),
      webhookDeliveryAttempts: new DataLoader(async (ids) => this.deliveries.attemptsOf(ids)),
    };
  }
}

/**
 * The loaders of live-event checks, one set per process. A notification reaches many subscribers at
 * once, and each checks it with its own subscription's context: these batch those checks across
 * subscribers (one match reaching 25 vendors is one query). Not cached: every event is checked afresh.
 */
@Injectable()
export class LiveEventLoaders {
  /** A vendor's match of an intent (null if none, or the intent is gone), by vendor and intent id. */
  readonly feedItem: DataLoader<{ vendorId: string; intentId: string }, IntentMatch | null>;

  constructor(feed: VendorFeedService) {
    this.feedItem = new DataLoader((keys) => feed.findItems(keys), { cache: false });
  }
}
