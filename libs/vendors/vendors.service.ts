import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { findEntities, queryRows } from '@app/database';
import { OutboxTopic, recordEvent } from '@app/outbox';
import { badInput, forbidden, notFound, requireId } from '@app/common';
import { type Account, AccountsService, type SignUpCommand, type Viewer } from '@app/accounts';
import { TaxonomyService } from '@app/taxonomy';
import { normalizeKeywords } from './vendor-keywords';
import { Vendor } from './vendor.entity';

export interface VendorRating {
  /** 1-5, or null when the vendor has no rating. */
  average: number | null;
  count: number;
}

export interface VendorProfileCommand {
  name?: string;
  description?: string;
  keywords?: string[];
  languages?: string[];
  categoryCodes?: string[];
  serviceArea?: { lat: number; lng: number; radiusKm: number } | null;
}

@Injectable()
export class VendorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    private readonly accounts: AccountsService,
  ) {}

  /** A vendor account and its (empty) profile, in one transaction. */
  async signUp(command: SignUpCommand): Promise<{ account: Account; vendorId: string }> {
    let vendorId = '';
    const account = await this.accounts.signUp(command, async (manager, created) => {
      const vendor = await manager.save(manager.create(Vendor, { accountId: created.id, name: command.displayName }));
      vendorId = vendor.id;
    });
    return { account, vendorId };
  }

  /** The vendor profile of an account, if it has one. */
  async vendorIdOf(accountId: string): Promise<string | null> {
    const vendor = await this.dataSource
      .getRepository(Vendor)
      .findOne({ where: { accountId: requireId(accountId) }, select: { id: true } });
    return vendor?.id ?? null;
  }

  async findById(id: string): Promise<Vendor> {
    const vendor = await this.dataSource.getRepository(Vendor).findOne({ where: { id: requireId(id) } });
    if (!vendor) throw notFound('Vendor');
    return vendor;
  }

  async findByIds(ids: readonly string[]): Promise<Vendor[]> {
    if (ids.length === 0) return [];
    return findEntities(this.dataSource.manager, Vendor, { where: { id: In([...ids]) } });
  }

  async myProfile(viewer: Viewer): Promise<Vendor> {
    if (!viewer.vendorId) throw forbidden('Only vendors have a vendor profile');
    return this.findById(viewer.vendorId);
  }

  async updateProfile(viewer: Viewer, command: VendorProfileCommand): Promise<Vendor> {
    const vendor = await this.myProfile(viewer);
    if (command.categoryCodes) {
      await this.taxonomy.assertExist(
        command.categoryCodes.map((code, index) => ({ code, field: `input.categoryCodes.${index}` })),
      );
    }
    if (command.serviceArea) {
      const { lat, lng, radiusKm } = command.serviceArea;
      if (Math.abs(lat) > 90) throw badInput('input.serviceArea.lat', 'lat must be between -90 and 90');
      if (Math.abs(lng) > 180) throw badInput('input.serviceArea.lng', 'lng must be between -180 and 180');
      if (radiusKm < 1 || radiusKm > 1000) throw badInput('input.serviceArea.radiusKm', 'radiusKm must be 1-1000');
    }
    const changes: Partial<Vendor> = {};
    if (command.name !== undefined) changes.name = command.name;
    if (command.description !== undefined) changes.description = command.description;
    if (command.keywords !== undefined) changes.keywords = normalizeKeywords(command.keywords);
    if (command.languages !== undefined) changes.languages = unique(command.languages.map((l) => l.toLowerCase()));
    if (command.categoryCodes !== undefined) changes.categoryCodes = unique(command.categoryCodes);
    if (command.serviceArea !== undefined) {
      changes.serviceLat = command.serviceArea?.lat ?? null;
      changes.serviceLng = command.serviceArea?.lng ?? null;
      changes.serviceRadiusKm = command.serviceArea?.radiusKm ?? null;
    }
    if (Object.keys(changes).length > 0) {
      await this.dataSource.getRepository(Vendor).update({ id: vendor.id }, changes);
    }
    return this.findById(vendor.id);
  }

  /**
   * Stores a vendor's rating; nothing in the API writes it yet: the reviews feature is to call this,
   * with its own transaction's manager so the review and the rating commit together. When the
   * average changes, an outbox event in the same transaction has every open intent the vendor has
   * an active offer on recomputed (a minimum-rating constraint may now let the vendor in or keep it
   * out).
   */
  async setRating(vendorId: string, rating: VendorRating, manager?: EntityManager): Promise<void> {
    const id = requireId(vendorId, 'vendorId');
    const { average, count } = rating;
    if (average !== null && !(Number.isFinite(average) && average >= 1 && average <= 5)) {
      throw badInput('rating.average', 'a rating average is between 1 and 5');
    }
    if (!Number.isInteger(count) || count < 0) throw badInput('rating.count', 'a rating count is a whole number');
    if (!manager) return this.dataSource.transaction((own) => this.setRating(id, rating, own));
    const [vendor] = await queryRows<{ old_average: number | null }>(
      manager,
      `UPDATE vendors v SET rating_average = $2, rating_count = $3, updated_at = now()
         FROM (SELECT rating_average AS old_average FROM vendors WHERE id = $1 FOR NO KEY UPDATE) old
        WHERE v.id = $1 RETURNING old.old_average`,
      [id, average, count],
    );
    if (!vendor) throw notFound('Vendor');
    if (vendor.old_average === average) return;
    // Offers react (OffersService.vendorRatingChanged): their solutions depend on ratings.
    await recordEvent(manager, OutboxTopic.VENDOR_RATING_CHANGED, { vendorId: id });
  }
}

const unique = (values: string[]) => [...new Set(values)];
