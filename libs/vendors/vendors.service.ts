import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { findEntities } from '@app/database/plain-entities';
import { badInput, forbidden, notFound, requireId } from '@app/common';
import type { Viewer } from '@app/accounts/accounts.service';
import { TaxonomyService } from '@app/taxonomy/taxonomy.service';
import { normalizeKeywords } from './vendor-keywords';
import { Vendor } from './vendor.entity';

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
  ) {}

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
}

const unique = (values: string[]) => [...new Set(values)];
