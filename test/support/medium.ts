import { randomBytes } from 'node:crypto';
import type { ModuleMetadata, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AccountsModule } from '@app/accounts';
import { type AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IntentsModule } from '@app/intents';
import { ENTITIES } from '@app/schema';
import { VendorsModule } from '@app/vendors';
import { createTestDatabase, dropDatabase } from './databases';
import { type Factories, createFactories } from './factories';
import { redisUrl, testRedisPrefix } from './redis';

/*
 * Medium tests (after Immich's): the services of one context, built from its Nest module, against a
 * real PostgreSQL database of their own (a copy of the migrated template, like the end-to-end
 * suites'), without the API's HTTP/GraphQL layer, the worker or Redis. They check the rules a
 * context owns (ownership, sealing, all-or-nothing writes) in a fraction of an end-to-end run.
 */

/** The contexts every factory writes through: whatever a test imports, accounts, vendors and intents exist. */
const FACTORY_MODULES = [AccountsModule, VendorsModule, IntentsModule];

export interface MediumContextOptions {
  /** The context modules under test, e.g. [OffersModule]; their own imports come with them. */
  modules: NonNullable<ModuleMetadata['imports']>;
  /** Extra environment for the config (e.g. MATCH_TOP_K). */
  env?: Record<string, string>;
}

export interface MediumContext {
  moduleRef: TestingModule;
  dataSource: DataSource;
  config: AppConfig;
  /** Data factories writing through this context's services. */
  factories: Factories;
  /** A provider of the module graph, e.g. ctx.get(OffersService). */
  get<T>(type: Type<T>): T;
  /** Closes the module and drops the database. */
  close(): Promise<void>;
}

/**
 * A module graph of the given context modules on ConfigModule and DatabaseModule (every entity), on a
 * fresh copy of the migrated template database. Call close() in afterAll.
 */
export async function newMediumContext(options: MediumContextOptions): Promise<MediumContext> {
  const database = await createTestDatabase();
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      // Validated but never connected to: no medium module talks to Redis.
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: testRedisPrefix(),
      JWT_SECRET: randomBytes(32).toString('hex'),
      VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...options.env,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(ENTITIES), ...FACTORY_MODULES, ...options.modules],
    }).compile();
    await moduleRef.init();
    const get = <T>(type: Type<T>): T => {
      try {
        return moduleRef.get(type, { strict: false });
      } catch {
        throw new Error(`${type.name} is not in this medium context: add its module to newMediumContext({ modules })`);
      }
    };
    return {
      moduleRef,
      dataSource: moduleRef.get(DataSource),
      config,
      factories: createFactories(get),
      get,
      async close() {
        await moduleRef.close();
        await dropDatabase(database.name);
      },
    };
  } catch (error) {
    await dropDatabase(database.name);
    throw error;
  }
}
