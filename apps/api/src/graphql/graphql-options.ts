import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { AppConfig } from '@app/config';
import { ViewerService } from '../auth/viewer.service';
import { noStorePlugins } from './cache-control.plugin';
import { formatError } from './errors';
import type { GraphQLContext } from './graphql-context';
import { costLimitPlugin } from './limits.plugin';
import { LoadersFactory } from './loaders';
import { type SubscriptionExtra, subscriptionOptions } from './subscriptions';
import { LiveConnections } from '../notifications/live-connections.service';

/** Shared by the running API and the schema printer, so the published schema is the served one. */
export const SCHEMA_OPTIONS = { sortSchema: true, numberScalarMode: 'integer' } as const;

interface ContextSource {
  /** HTTP: the request's headers. */
  headers?: Record<string, unknown>;
  /** graphql-ws: the connection, authenticated when it opened. */
  extra?: SubscriptionExtra;
}

export function graphqlOptions(
  config: AppConfig,
  viewers: ViewerService,
  loaders: LoadersFactory,
  connections: LiveConnections,
): ApolloDriverConfig {
  let schema: GraphQLSchema | undefined;
  return {
    ...SCHEMA_OPTIONS,
    autoSchemaFile: true,
    path: '/graphql',
    playground: false,
    graphiql: false,
    introspection: config.INTROSPECTION ? config.INTROSPECTION === 'true' : !config.isProduction,
    // Production hides "Did you mean …?" suggestions that would reveal the schema.
    hideSchemaDetailsFromClientErrors: config.isProduction,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [depthLimit(config.GRAPHQL_MAX_DEPTH)],
    transformSchema: (built: GraphQLSchema) => {
      schema = built;
      return built;
    },
    plugins: [costLimitPlugin(() => schema as GraphQLSchema, config.GRAPHQL_MAX_COST), ...noStorePlugins()],
    subscriptions: {
      'graphql-ws': subscriptionOptions(
        config,
        viewers,
        connections,
        () => schema as GraphQLSchema,
        // Fresh loaders for every event: nothing read for one event is reused by the next.
        (subscription) => ({ ...subscription, loaders: loaders.create(subscription.viewer) }),
      ),
    },
    context: async (source: ContextSource): Promise<GraphQLContext> => {
      if (source.extra?.viewer) {
        const viewer = source.extra.viewer;
        return { viewer, invalidCredential: false, loaders: loaders.create(viewer) };
      }
      const authentication = await viewers.authenticate(source.headers?.authorization);
      return {
        viewer: authentication.viewer,
        invalidCredential: authentication.viewer ? false : authentication.invalidCredential,
        loaders: loaders.create(authentication.viewer),
      };
    },
  };
}
