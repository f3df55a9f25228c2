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

/** Variables longer than this (as JSON) are not worth a cache key: their cost is computed afresh. */
const MAX_CACHED_VARIABLES_JSON = 2_000;
/** Costs remembered per parsed document (one per operation name and variables). */
const MAX_COSTS_PER_DOCUMENT = 32;

/**
 * Rejects operations whose estimated cost exceeds `maxCost` before anything runs,
 * so alias and nesting bombs are caught as well as deep queries.
 *
 * The cost is a pure function of the schema, the document, the operation name and the variables.
 * Apollo parses a repeated query once and hands every request the same DocumentNode, so a cost
 * computed for it is remembered (errors never are) instead of walking the query again each time.
 */
export function costLimitPlugin(schemaRef: () => GraphQLSchema, maxCost: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const variables = request.variables ? JSON.stringify(request.variables) : '';
          const key =
            variables.length <= MAX_CACHED_VARIABLES_JSON ? `${request.operationName ?? ''}\n${variables}` : null;
          let known = costs.get(document);
          let cost: number | undefined = key === null ? undefined : known?.get(key);
          if (cost === undefined) {
            try {
              cost = operationCost(schemaRef(), request, document);
            } catch (error) {
              // The estimator coerces variables first: a bad variable is the caller's input error.
              if (error instanceof GraphQLError) throw inputError(error.message);
              throw error;
            }
            if (key !== null) {
              if (!known || known.size >= MAX_COSTS_PER_DOCUMENT) costs.set(document, (known = new Map()));
              known.set(key, cost);
            }
          }
          if (cost > maxCost) throw inputError(`Query cost ${cost} exceeds the limit of ${maxCost}`, { cost, maxCost });
        },
      };
    },
  };
}
