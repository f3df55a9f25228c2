import { createSecretKey } from 'node:crypto';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ENTITIES } from '@app/schema';
import { AccountsModule } from '@app/accounts';
import { AwardsModule } from '@app/awards';
import { DataExportModule } from '@app/data-export';
import { DisclosureModule } from '@app/disclosure';
import { ErasureModule } from '@app/erasure';
import { IntentsModule } from '@app/intents';
import { MatchingModule } from '@app/matching';
import { OffersModule } from '@app/offers';
import { PlaybooksModule } from '@app/playbooks';
import { RedisModule } from '@app/redis';
import { SolutionsModule } from '@app/solutions';
import { TaxonomyModule } from '@app/taxonomy';
import { VaultModule } from '@app/vault';
import { VendorsModule } from '@app/vendors';
import { WebhooksModule } from '@app/webhooks';
import { AuthGuard } from './auth/auth.guard';
import { ViewerService } from './auth/viewer.service';
import { createValidationPipe } from './graphql/errors';
import { graphqlOptions } from './graphql/graphql-options';
import { LiveEventLoaders, LoadersFactory } from './graphql/loaders';
import { HealthController } from './health/health.controller';
import { RedisHealthIndicator } from './health/redis.health';
import { RESOLVERS } from './resolvers';
import { ExportController } from './privacy/export.controller';
import { SessionRevocationListener } from './privacy/session-revocation.listener';
import { LiveConnections } from './notifications/live-connections.service';
import { NotificationStream } from './notifications/notification-stream.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM/DER
        // public key (and fails, ~1 ms of OpenSSL per verify) before using it as the HMAC secret it is.
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
        signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Viewers (accounts, vendors) and the DataLoaders (the contexts lists are read through).
    AccountsModule,
    VendorsModule,
    IntentsModule,
    OffersModule,
    TaxonomyModule,
    AwardsModule,
    PlaybooksModule,
    DisclosureModule,
    MatchingModule,
    WebhooksModule,
  ],
  providers: [ViewerService, LoadersFactory, LiveEventLoaders, LiveConnections],
  exports: [ViewerService, LoadersFactory, LiveEventLoaders, LiveConnections],
})
class GraphQLSupportModule {}

/** The contexts the API's resolvers and controllers call. */
const CONTEXTS = [
  AccountsModule,
  TaxonomyModule,
  PlaybooksModule,
  VendorsModule,
  VaultModule,
  IntentsModule,
  MatchingModule,
  DisclosureModule,
  OffersModule,
  AwardsModule,
  SolutionsModule,
  DataExportModule,
  ErasureModule,
  WebhooksModule,
  RedisModule,
];

@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => loggerParams(appConfig.LOG_LEVEL, 'intentcast-api'),
        }),
        DatabaseModule.forRoot(ENTITIES),
        ...CONTEXTS,
        TerminusModule,
        GraphQLSupportModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [GraphQLSupportModule],
          inject: [AppConfig, ViewerService, LoadersFactory, LiveConnections],
          useFactory: graphqlOptions,
        }),
      ],
      controllers: [HealthController, ExportController],
      providers: [
        ...RESOLVERS,
        RedisHealthIndicator,
        SessionRevocationListener,
        NotificationStream,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
