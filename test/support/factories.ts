import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Account, AccountKind, AccountsService, type Viewer } from '@app/accounts';
import { type Intent, type IntentComponent, IntentsService } from '@app/intents';
import type { MatchReasons } from '@app/matching';
import { type Offer, type OfferLineCommand, type OfferVersion, OffersService } from '@app/offers';
import { type Sensitivity, VaultService } from '@app/vault';
import { type Vendor, VendorsService } from '@app/vendors';
import { BRISTOL, LEEDS } from './actors';

/*
 * Data factories for medium tests. Each writes its rows through the context's own service (so the
 * rows are what the service would write), except a match, which only the worker's whole flow
 * makes: newMatch inserts one row. Defaults give a valid record; pass only what a test is about.
 */

export { BRISTOL, LEEDS };

/** A date this many days from now (services take Dates; the API's ISO strings are actors.ts's inDays). */
export const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000);

export interface IndividualRow {
  account: Account;
  accountId: string;
  /** As the API would resolve it from the individual's session. */
  viewer: Viewer;
}

export interface VendorRow {
  account: Account;
  accountId: string;
  vendor: Vendor;
  vendorId: string;
  viewer: Viewer;
}

export interface IntentRow {
  intent: Intent;
  id: string;
  owner: IndividualRow;
  /** In the order given. */
  components: IntentComponent[];
}

export interface OfferRow {
  offer: Offer;
  id: string;
  vendor: VendorRow;
  intent: IntentRow;
  /** The current version (after newOffer: version 1). */
  version: OfferVersion;
}

export interface NewVendorOptions {
  name?: string;
  /** Category codes, e.g. ['moving.removals']; default that one. [] for a vendor listing none. */
  categories?: string[];
  /** Service area; default 50 km around Leeds; null serves anywhere. */
  area?: { lat: number; lng: number; radiusKm: number } | null;
  keywords?: string[];
  description?: string;
  languages?: string[];
}

export interface NewComponent {
  title: string;
  /** Category code; null or left out for a long-tail need. */
  category?: string | null;
  description?: string;
  optional?: boolean;
}

export interface NewIntentOptions {
  /** Default: a new individual. */
  owner?: IndividualRow;
  title?: string;
  description?: string;
  /** The intent's category; default 'moving.removals'; null for a long-tail need. */
  category?: string | null;
  /** Default: one component, the intent itself. */
  components?: NewComponent[];
  /** Default: Leeds (exact point; vendors see a coarse one). A postcode alone also does. */
  location?: { lat?: number; lng?: number; postcode?: string };
  /** e.g. { amount: '1500', currency: 'GBP' }; default none. */
  budget?: { amount: string; currency: string } | null;
  /** Default: in 7 days. */
  expiresAt?: Date;
  /** false keeps it a draft. */
  publish?: boolean;
}

export interface NewOfferOptions {
  intent: IntentRow;
  /** Default: a new vendor (matched to the intent). */
  vendor?: VendorRow;
  /** Amount per component, in the intent's component order; default '100' each (all components). */
  amounts?: string[];
  /** Explicit lines (overrides amounts). */
  lines?: OfferLineCommand[];
  /** A bundle of all the components (or the given lines) for this total. */
  bundleTotal?: string;
  currency?: string;
  validUntil?: Date;
  message?: string;
}

export interface Factories {
  newIndividual(options?: { name?: string }): Promise<IndividualRow>;
  newVendor(options?: NewVendorOptions): Promise<VendorRow>;
  newIntent(options?: NewIntentOptions): Promise<IntentRow>;
  /** Matches the vendor to the intent (one intent_matches row), as the worker would; idempotent. */
  newMatch(options: { intent: IntentRow; vendor: VendorRow; score?: number; reasons?: MatchReasons }): Promise<void>;
  /** Matches the vendor if it is not yet, then makes the offer through OffersService. */
  newOffer(options: NewOfferOptions): Promise<OfferRow>;
  newVaultItem(options: { owner: IndividualRow; key: string; value: string; sensitivity?: Sensitivity }): Promise<void>;
}

const uniqueEmail = (name: string) =>
  `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomBytes(4).toString('hex')}@example.test`;

const PASSWORD = 'correct horse battery';

let counter = 0;
const next = () => ++counter;

/** Factories over a medium context's providers (`get` finds a provider anywhere in its module graph). */
export function createFactories(get: <T>(type: Type<T>) => T): Factories {
  const factories: Factories = {
    async newIndividual({ name = `Individual ${next()}` } = {}) {
      const account = await get(AccountsService).signUp({
        kind: AccountKind.INDIVIDUAL,
        email: uniqueEmail(name),
        password: PASSWORD,
        displayName: name,
      });
      return {
        account,
        accountId: account.id,
        viewer: { accountId: account.id, kind: AccountKind.INDIVIDUAL, vendorId: null },
      };
    },

    async newVendor(options = {}) {
      const name = options.name ?? `Vendor ${next()}`;
      const vendors = get(VendorsService);
      const { account, vendorId } = await vendors.signUp({
        kind: AccountKind.VENDOR,
        email: uniqueEmail(name),
        password: PASSWORD,
        displayName: name,
      });
      const viewer: Viewer = { accountId: account.id, kind: AccountKind.VENDOR, vendorId };
      const vendor = await vendors.updateProfile(viewer, {
        name,
        categoryCodes: options.categories ?? ['moving.removals'],
        serviceArea: options.area === undefined ? { ...LEEDS, radiusKm: 50 } : options.area,
        ...(options.keywords !== undefined ? { keywords: options.keywords } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.languages !== undefined ? { languages: options.languages } : {}),
      });
      return { account, accountId: account.id, vendor, vendorId, viewer };
    },

    async newIntent(options = {}) {
      const owner = options.owner ?? (await factories.newIndividual());
      const intents = get(IntentsService);
      const category = options.category === undefined ? 'moving.removals' : options.category;
      const intent = await intents.create(owner.viewer, {
        title: options.title ?? 'House removals',
        description: options.description ?? '',
        categoryCode: category,
        location: options.location ?? LEEDS,
        budget: options.budget ?? null,
        expiresAt: options.expiresAt ?? inDays(7),
        publish: options.publish ?? true,
        components: options.components?.map((component) => ({
          title: component.title,
          description: component.description ?? '',
          categoryCode: component.category ?? null,
          optional: component.optional ?? false,
        })),
      });
      const components = await intents.componentsByIntentIds([intent.id]);
      return { intent, id: intent.id, owner, components };
    },

    async newMatch({ intent, vendor, score = 0.75, reasons }) {
      await get(DataSource).query(
        `INSERT INTO intent_matches (intent_id, vendor_id, score, reasons) VALUES ($1, $2, $3, $4)
         ON CONFLICT (intent_id, vendor_id) DO NOTHING`,
        [intent.id, vendor.vendorId, score, reasons ?? { basis: 'CATEGORY', componentId: intent.components[0].id }],
      );
    },

    async newOffer(options) {
      const { intent } = options;
      const vendor = options.vendor ?? (await factories.newVendor());
      await factories.newMatch({ intent, vendor });
      const isBundle = options.bundleTotal !== undefined;
      const lines =
        options.lines ??
        intent.components.map((component, index) => ({
          componentId: component.id,
          amount: isBundle ? null : (options.amounts?.[index] ?? '100'),
        }));
      const offers = get(OffersService);
      const offer = await offers.make(vendor.viewer, {
        intentId: intent.id,
        lines,
        currency: options.currency ?? intent.intent.budgetCurrency ?? 'GBP',
        isBundle,
        total: options.bundleTotal ?? null,
        validUntil: options.validUntil ?? inDays(5),
        message: options.message ?? '',
      });
      const [version] = await offers.currentVersions([offer.id]);
      return { offer, id: offer.id, vendor, intent, version };
    },

    async newVaultItem({ owner, key, value, sensitivity }) {
      await get(VaultService).set(owner.viewer, { key, value, sensitivity: sensitivity ?? null });
    },
  };
  return factories;
}
