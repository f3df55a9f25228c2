import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { Account, AccountKind } from '@app/accounts';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DEMO_PLACES, DEMO_VENDOR_PREFIXES } from '@app/demo';
import { IntentsModule, IntentsService } from '@app/intents';
import { ENTITIES } from '@app/schema';
import { Category } from '@app/taxonomy';
import { Vendor } from '@app/vendors';

export const DEMO_PASSWORD = 'intentcast-demo';
const VENDOR_COUNT = 300;
const DAY_MS = 24 * 3600 * 1000;

@Module({
  imports: [ConfigModule.forRoot(), DatabaseModule.forRoot(ENTITIES), IntentsModule],
})
class SeedModule {}

/**
 * Loads demo data: 300 vendors across categories and places, two individuals and a
 * few intents (opened through the service, so the worker matches them). Safe to
 * run twice: it does nothing when the demo accounts exist.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  const dataSource = app.get(DataSource);
  const accounts = dataSource.getRepository(Account);
  if (await accounts.exists({ where: { email: 'alex@demo.intentcast' } })) {
    console.log('demo data already loaded');
    await app.close();
    return;
  }
  const passwordHash = await hash(DEMO_PASSWORD);
  const leaves = await dataSource
    .getRepository(Category)
    .createQueryBuilder('c')
    .where('NOT EXISTS (SELECT 1 FROM categories child WHERE child.parent_code = c.code)')
    .orderBy('c.code')
    .getMany();

  await dataSource.transaction(async (manager) => {
    for (let i = 0; i < VENDOR_COUNT; i += 1) {
      const place = DEMO_PLACES[i % DEMO_PLACES.length];
      const categories = [leaves[i % leaves.length], leaves[(i * 7 + 3) % leaves.length]];
      const name = `${DEMO_VENDOR_PREFIXES[i % DEMO_VENDOR_PREFIXES.length]} ${categories[0].name} ${place.name}`;
      const account = await manager.save(
        manager.create(Account, {
          kind: AccountKind.VENDOR,
          email: `vendor${i + 1}@demo.intentcast`,
          passwordHash,
          displayName: name,
        }),
      );
      await manager.insert(Vendor, {
        accountId: account.id,
        name,
        description: `${categories.map((c) => c.name).join(' and ')} in and around ${place.name}.`,
        keywords: [...new Set(categories.flatMap((c) => c.keywords))].slice(0, 10),
        languages: i % 5 === 0 ? ['en', 'pl'] : ['en'],
        categoryCodes: categories.map((c) => c.code),
        serviceLat: place.lat + ((i % 7) - 3) * 0.02,
        serviceLng: place.lng + ((i % 5) - 2) * 0.02,
        serviceRadiusKm: [15, 30, 60, 120][i % 4],
        ratingAverage: i % 3 === 0 ? null : 3 + ((i * 37) % 20) / 10,
        ratingCount: i % 3 === 0 ? 0 : 1 + (i % 40),
      });
    }
  });

  const intents = app.get(IntentsService);
  const individuals = [];
  for (const [displayName, email] of [
    ['Alex Mover', 'alex@demo.intentcast'],
    ['Sam Traveller', 'sam@demo.intentcast'],
  ]) {
    const account = await accounts.save(
      accounts.create({ kind: AccountKind.INDIVIDUAL, email, passwordHash, displayName }),
    );
    individuals.push({ accountId: account.id, kind: AccountKind.INDIVIDUAL, vendorId: null });
  }
  const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
  const leeds = DEMO_PLACES[0];
  await intents.create(individuals[0], {
    title: 'Moving from Leeds to Bristol in March',
    description: 'Three-bedroom house. Need removals, an end-of-tenancy clean and broadband at the new place.',
    location: { postcode: leeds.postcode, lat: leeds.lat, lng: leeds.lng },
    budget: { amount: '2000', currency: 'GBP' },
    windowStart: inDays(30),
    windowEnd: inDays(40),
    expiresAt: inDays(21),
    components: leaves
      .filter((c) => c.code.startsWith('moving.'))
      .slice(0, 3)
      .map((c) => ({ title: c.name, categoryCode: c.code })),
  });
  await intents.create(individuals[1], {
    title: 'Two return flights to Lisbon under £400',
    description: 'Flexible dates in May, two adults, hand luggage only.',
    location: { postcode: 'BS1 4DJ', lat: 51.4545, lng: -2.5879 },
    budget: { amount: '400', currency: 'GBP' },
    expiresAt: inDays(10),
  });
  await intents.create(individuals[1], {
    title: 'Someone to restore a 1970s teak sideboard',
    description: 'Water marks on the top, one drawer runner broken. Happy to drop it off.',
    location: { postcode: 'BS1 4DJ', lat: 51.4545, lng: -2.5879 },
    expiresAt: inDays(14),
  });
  console.log(
    `demo data loaded: ${VENDOR_COUNT} vendors (vendorN@demo.intentcast), individuals alex@ and sam@demo.intentcast; password "${DEMO_PASSWORD}"`,
  );
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
