import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@app/common';

export const inputError = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });

/** A list field costs its page size (`first`) times its children; every other field 1. */
export function operationCost(
  schema: GraphQLSchema,
  request: Pick<GraphQLRequest, 'operationName' | 'variables'>,
  document: DocumentNode,
): number {
  return getComplexity({
    schema,
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
}

/**
 * Rejects operations whose estimated cost exceeds `maxCost` before anything runs,
 * so alias and nesting bombs are caught as well as deep queries.
 */
export function costLimitPlugin(schemaRef: () => GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = operationCost(schemaRef(), request, document);
          } catch (error) {
            // The estimator coerces variables first: a bad variable is the caller's input error.
            if (error instanceof GraphQLError) throw inputError(error.message);
            throw error;
          }
          if (cost > maxCost) throw inputError(`Query cost ${cost} exceeds the limit of ${maxCost}`, { cost, maxCost });
        },
      };
    },
  };
}
