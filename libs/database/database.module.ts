import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { type EntityList, dataSourceOptions } from './data-source-options';

/** The one DataSource of an app, over the entities it is given (the whole schema's: @app/schema). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.DATABASE_URL, { entities }),
            migrationsRun: false,
          }),
        }),
      ],
    };
  }
}
