import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { RESOLVERS } from '../apps/api/src/resolvers';

/**
 * Prints the public GraphQL schema to schema.graphql from the resolver classes,
 * without a database. `--check` fails when the committed file differs (CI).
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const factory = app.get(GraphQLSchemaFactory);
  const schema = await factory.create(RESOLVERS, { numberScalarMode: 'integer' });
  const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
  await app.close();
  const file = join(__dirname, '..', '..', 'schema.graphql');
  if (process.argv.includes('--check')) {
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (committed !== printed) {
      console.error('schema.graphql is out of date: run `npm run schema:print` and commit the result.');
      process.exit(1);
    }
    console.log('schema.graphql matches the code');
    return;
  }
  writeFileSync(file, printed);
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
