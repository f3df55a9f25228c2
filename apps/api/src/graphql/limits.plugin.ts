import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@app/common';

/**
 * Rejects operations whose estimated cost exceeds `maxCost` before anything runs.
 * A list field costs its page size (`first`) times its children, so alias and
 * nesting bombs are caught as well as deep queries.
 */
export function costLimitPlugin(schemaRef: () => GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = getComplexity({
            schema: schemaRef(),
            operationName: request.operationName ?? undefined,
            query: document,
            variables: request.variables ?? {},
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, childComplexity }) => {
                const first = typeof args.first === 'number' ? args.first : 1;
                return first > 1 ? first * Math.max(1, childComplexity) : undefined;
              },
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
