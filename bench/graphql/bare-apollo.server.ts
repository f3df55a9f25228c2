/**
 * Baseline: a bare Apollo Server 5 on plain Fastify (@as-integrations/fastify, the integration
 * @nestjs/apollo uses on Fastify too), serving the 20 intents from memory. The SDL mirrors the
 * API's types for the queried fields; default resolvers read the nested objects.
 */
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { connectionOf, createFixture } from './fixture';
import type { RunningServer } from './protocol';

const TYPE_DEFS = /* GraphQL */ `
  enum IntentStatus {
    AWARDED
    DRAFT
    EXPIRED
    FULFILLED
    OPEN
    WITHDRAWN
  }
  type Category {
    code: String!
    keywords: [String!]!
    name: String!
    parentCode: String
  }
  type Money {
    amount: String!
    currency: String!
  }
  type IntentComponent {
    category: Category
    description: String!
    id: ID!
    optional: Boolean!
    position: Int!
    title: String!
  }
  type Intent {
    budget: Money
    category: Category
    components: [IntentComponent!]!
    description: String!
    id: ID!
    status: IntentStatus!
    title: String!
  }
  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }
  type IntentModelEdge {
    cursor: String!
    node: Intent!
  }
  type IntentConnection {
    edges: [IntentModelEdge!]!
    nodes: [Intent!]!
    pageInfo: PageInfo!
  }
  type Query {
    myIntents(after: String, first: Int! = 20, status: IntentStatus): IntentConnection!
  }
`;

export async function startBareApollo(): Promise<RunningServer> {
  const fixture = createFixture();
  const fastify = Fastify({ bodyLimit: 1024 * 1024 });
  const apollo = new ApolloServer({
    typeDefs: TYPE_DEFS,
    resolvers: {
      IntentStatus: {
        AWARDED: 'awarded',
        DRAFT: 'draft',
        EXPIRED: 'expired',
        FULFILLED: 'fulfilled',
        OPEN: 'open',
        WITHDRAWN: 'withdrawn',
      },
      Query: {
        myIntents: (_root: unknown, args: { first: number }) => connectionOf(fixture.nested.slice(0, args.first)),
      },
    },
    introspection: false,
    includeStacktraceInErrorResponses: false,
    plugins: [fastifyApolloDrainPlugin(fastify)],
  });
  await apollo.start();
  await fastify.register(fastifyApollo(apollo), { path: '/graphql' });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = fastify.server.address() as { port: number };
  return {
    port: address.port,
    http: fastify.server,
    close: async () => {
      await fastify.close();
    },
  };
}
