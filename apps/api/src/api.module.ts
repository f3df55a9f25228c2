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
import { AuthGuard } from './auth/auth.guard';
import { ViewerService } from './auth/viewer.service';
import { DomainModule } from './domain.module';
import { createValidationPipe } from './graphql/errors';
import { graphqlOptions } from './graphql/graphql-options';
import { LoadersFactory } from './graphql/loaders';
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
  ],
  providers: [ViewerService, LoadersFactory, LiveConnections],
  exports: [ViewerService, LoadersFactory, LiveConnections],
})
class GraphQLSupportModule {}

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
        DomainModule,
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
