import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Viewer } from '@app/accounts';
import { AwardsService, type Engagement } from '@app/awards';
import type { Page } from '@app/common';
import { IntentsService, type Intent, type IntentComponent } from '@app/intents';
import { OffersService, type Offer, type OfferVersion } from '@app/offers';
import { type PlaybookComponent, PlaybooksService } from '@app/playbooks';
import { TaxonomyService, type Category } from '@app/taxonomy';
import { VendorsService, type Vendor } from '@app/vendors';

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

/**
 * Loaders hold no authorisation of their own: a resolver uses one only for a
 * relation of a record the viewer was already allowed to see.
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
}

/** One DataLoader per page size, created on first use. */
function perPageSize<V>(create: (first: number) => DataLoader<string, V>): (first: number) => DataLoader<string, V> {
  const loaders = new Map<number, DataLoader<string, V>>();
  return (first) => {
    let loader = loaders.get(first);
    if (!loader) {
      loader = create(first);
      loaders.set(first, loader);
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
  ) {}

  create(viewer: Viewer | null): Loaders {
    const denied = async () => {
      throw new Error('relation loaders need a signed-in viewer');
    };
    return {
      offerPages: perPageSize(
        (first) =>
          new DataLoader(async (ids) => (viewer ? this.offers.firstPagesForIntents(viewer, ids, first) : denied())),
      ),
      versionPages: perPageSize((first) => new DataLoader(async (ids) => this.offers.firstVersionPages(ids, first))),
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
    };
  }
}
