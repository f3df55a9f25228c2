/**
 * Nest 12 + Fastify + Apollo serving the 20 intents from memory: the framework's own overhead.
 *
 * - fieldResolvers: 'none' — a minimal module whose one query returns nested objects (default
 *   resolvers, like the bare Apollo baseline).
 * - fieldResolvers: 'plain' — the same, but category, components and budget come from @ResolveField
 *   methods shaped like the real API's IntentsResolver: (parent, args, context) with no parameter
 *   decorators, which @nestjs/graphql calls directly (still from memory, no DataLoader, no guard, no pipe).
 * - fieldResolvers: 'decorated' — the same methods taking @Parent()/@Context() (as the API's did), to
 *   show what Nest's per-call parameter resolution costs on every row.
 *
 * The classes are declared inside a function so that only the chosen variant's decorators register.
 */
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  Args,
  ArgsType,
  Context,
  Field,
  GraphQLModule,
  ID,
  Int,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectionOf, createFixture, type MemoryFixture, type MemoryIntentRow } from './fixture';
import type { RunningServer } from './protocol';

enum IntentStatus {
  DRAFT = 'draft',
  OPEN = 'open',
  AWARDED = 'awarded',
  FULFILLED = 'fulfilled',
  WITHDRAWN = 'withdrawn',
  EXPIRED = 'expired',
}

export type FieldResolverStyle = 'none' | 'plain' | 'decorated';

function buildModule(fixture: MemoryFixture, fieldResolvers: FieldResolverStyle): Type<unknown> {
  registerEnumType(IntentStatus, { name: 'IntentStatus' });

  @ObjectType('Category')
  class CategoryModel {
    @Field() code: string;
    @Field() name: string;
    @Field(() => String, { nullable: true }) parentCode: string | null;
    @Field(() => [String]) keywords: string[];
  }

  @ObjectType()
  class Money {
    @Field() amount: string;
    @Field() currency: string;
  }

  @ObjectType('IntentComponent')
  class IntentComponentModel {
    @Field(() => ID) id: string;
    @Field(() => Int) position: number;
    @Field() title: string;
    @Field() description: string;
    @Field(() => CategoryModel, { nullable: true }) category?: CategoryModel | null;
    @Field() optional: boolean;
  }

  @ObjectType('Intent')
  class IntentModel {
    @Field(() => ID) id: string;
    @Field() title: string;
    @Field() description: string;
    @Field(() => CategoryModel, { nullable: true }) category?: CategoryModel | null;
    @Field(() => IntentStatus) status: IntentStatus;
    @Field(() => Money, { nullable: true }) budget?: Money | null;
    @Field(() => [IntentComponentModel]) components?: IntentComponentModel[];
  }

  @ObjectType()
  class PageInfo {
    @Field() hasNextPage: boolean;
    @Field(() => String, { nullable: true }) endCursor: string | null;
  }

  @ObjectType('IntentModelEdge')
  class IntentEdge {
    @Field() cursor: string;
    @Field(() => IntentModel) node: IntentModel;
  }

  @ObjectType()
  class IntentConnection {
    @Field(() => [IntentEdge]) edges: IntentEdge[];
    @Field(() => [IntentModel]) nodes: IntentModel[];
    @Field(() => PageInfo) pageInfo: PageInfo;
  }

  @ArgsType()
  class MyIntentsArgs {
    @Field(() => Int, { defaultValue: 20 }) first = 20;
    @Field(() => String, { nullable: true }) after?: string | null;
    @Field(() => IntentStatus, { nullable: true }) status?: IntentStatus | null;
  }

  @Resolver(() => IntentModel)
  class MemoryIntentsResolver {
    @Query(() => IntentConnection)
    myIntents(@Args() args: MyIntentsArgs) {
      return connectionOf(fixture.nested.slice(0, args.first));
    }
  }

  @Resolver(() => IntentModel)
  class PlainFieldIntentsResolver {
    @Query(() => IntentConnection)
    myIntents(@Args() args: MyIntentsArgs) {
      return connectionOf(fixture.rows.slice(0, args.first));
    }

    @ResolveField(() => CategoryModel, { nullable: true })
    category(intent: MemoryIntentRow, _args: Record<string, never>, _context: unknown) {
      return intent.categoryCode ? (fixture.categories.get(intent.categoryCode) ?? null) : null;
    }

    @ResolveField(() => Money, { nullable: true })
    budget(intent: MemoryIntentRow) {
      return { amount: (Number(intent.budgetMinor) / 100).toFixed(2), currency: intent.budgetCurrency };
    }

    @ResolveField(() => [IntentComponentModel])
    components(intent: MemoryIntentRow, _args: Record<string, never>, _context: unknown) {
      return fixture.componentsByIntent.get(intent.id) ?? [];
    }
  }

  @Resolver(() => IntentModel)
  class DecoratedFieldIntentsResolver {
    @Query(() => IntentConnection)
    myIntents(@Args() args: MyIntentsArgs) {
      return connectionOf(fixture.rows.slice(0, args.first));
    }

    @ResolveField(() => CategoryModel, { nullable: true })
    category(@Parent() intent: MemoryIntentRow, @Context() _context: unknown) {
      return intent.categoryCode ? (fixture.categories.get(intent.categoryCode) ?? null) : null;
    }

    @ResolveField(() => Money, { nullable: true })
    budget(@Parent() intent: MemoryIntentRow) {
      return { amount: (Number(intent.budgetMinor) / 100).toFixed(2), currency: intent.budgetCurrency };
    }

    @ResolveField(() => [IntentComponentModel])
    components(@Parent() intent: MemoryIntentRow, @Context() _context: unknown) {
      return fixture.componentsByIntent.get(intent.id) ?? [];
    }
  }

  @Module({
    imports: [
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        playground: false,
        graphiql: false,
        introspection: false,
        includeStacktraceInErrorResponses: false,
      }),
    ],
    providers: [
      { none: MemoryIntentsResolver, plain: PlainFieldIntentsResolver, decorated: DecoratedFieldIntentsResolver }[
        fieldResolvers
      ],
    ],
  })
  class MemoryModule {}

  return MemoryModule;
}

export async function startNestMemory(options: { fieldResolvers: FieldResolverStyle }): Promise<RunningServer> {
  const app = await NestFactory.create<NestFastifyApplication>(
    buildModule(createFixture(), options.fieldResolvers),
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { logger: ['error', 'warn'] },
  );
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { port: address.port, http: app.getHttpServer(), close: () => app.close() };
}
