import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  createSourceEventStream,
  execute,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import type { ServerOptions } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { Viewer } from '@app/accounts';
import type { AppConfig } from '@app/config';
import type { ViewerService } from '../auth/viewer.service';
import type { LiveConnections } from '../notifications/live-connections.service';
import { formatError } from './errors';
import type { GraphQLContext } from './graphql-context';
import { inputError, operationCost } from './limits.plugin';

/** What graphql-ws keeps per connection: the socket, and the viewer authenticated when it opened. */
export interface SubscriptionExtra {
  socket: WebSocket;
  viewer?: Viewer;
}

type Options = ServerOptions<Record<string, unknown> | undefined, unknown>;
type Extra = { extra: unknown };
const extraOf = (ctx: Extra) => ctx.extra as SubscriptionExtra;

const requestErrors = (errors: readonly GraphQLError[]) =>
  errors.map((error) => ({
    message: error.message,
    locations: error.locations,
    extensions: { code: error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED' },
  }));

/**
 * Maps each event of a source stream. Not an async generator, whose return() would wait for a pending
 * next(): this one reaches the source at once (its Redis channel is let go), like graphql-js's own.
 */
function mapEvents<T, R>(source: AsyncIterable<T>, map: (event: T) => Promise<R>): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const closeQuietly = async () => {
    await iterator.return?.().catch(() => undefined);
  };
  const mapped = async (result: IteratorResult<T>): Promise<IteratorResult<R>> => {
    if (result.done) return { done: true, value: undefined };
    try {
      return { done: false, value: await map(result.value) };
    } catch (error) {
      await closeQuietly();
      throw error;
    }
  };
  const events: AsyncIterableIterator<R> = {
    next: async () => mapped(await iterator.next()),
    return: async () => (iterator.return ? mapped(await iterator.return()) : { done: true, value: undefined }),
    throw: async (error?: unknown) => {
      if (iterator.throw) return mapped(await iterator.throw(error));
      await closeQuietly();
      throw error;
    },
    [Symbol.asyncIterator]: () => events,
  };
  return events;
}

/**
 * graphql-js's `subscribe`, except that each event executes with a context of its own. graphql-ws
 * builds one context per subscription: DataLoaders kept in it would answer every later event with
 * the rows cached by earlier ones. The source stream (guards, filters) keeps the subscription's.
 */
function subscribeWithEventContexts(eventContext: (subscription: GraphQLContext) => GraphQLContext) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const subscription = args.contextValue as GraphQLContext;
    return mapEvents(stream, async (event) =>
      execute({ ...args, rootValue: event, contextValue: eventContext(subscription) }),
    );
  };
}

/**
 * graphql-ws on the API's /graphql path: a connection must carry a valid credential in its
 * connection params (`{ authorization: "Bearer …" }`) or it is closed (4403); subscriptions get
 * the same depth and cost limits as HTTP operations, and errors the same codes. Each event is
 * resolved with `eventContext(subscription's context)`.
 */
export function subscriptionOptions(
  config: AppConfig,
  viewers: ViewerService,
  connections: LiveConnections,
  schemaRef: () => GraphQLSchema,
  eventContext: (subscription: GraphQLContext) => GraphQLContext,
): Pick<
  Options,
  'connectionInitWaitTimeout' | 'onConnect' | 'onClose' | 'onSubscribe' | 'onError' | 'onNext' | 'subscribe'
> {
  return {
    connectionInitWaitTimeout: 10_000,
    subscribe: subscribeWithEventContexts(eventContext),
    onConnect: async (ctx) => {
      const authentication = await viewers.authenticate(ctx.connectionParams?.authorization);
      if (!authentication.viewer) return false;
      const extra = extraOf(ctx);
      extra.viewer = authentication.viewer;
      connections.add(authentication.viewer.accountId, extra.socket);
      return true;
    },
    onClose: (ctx) => {
      const extra = extraOf(ctx);
      if (extra.viewer) connections.remove(extra.viewer.accountId, extra.socket);
    },
    onSubscribe: (_ctx, _id, payload) => {
      const schema = schemaRef();
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [error as GraphQLError];
      }
      const errors = validate(schema, document, [...specifiedRules, depthLimit(config.GRAPHQL_MAX_DEPTH)]);
      if (errors.length > 0) return errors;
      const cost = operationCost(
        schema,
        { operationName: payload.operationName ?? undefined, variables: payload.variables ?? undefined },
        document,
      );
      if (cost > config.GRAPHQL_MAX_COST) {
        return [inputError(`Query cost ${cost} exceeds the limit of ${config.GRAPHQL_MAX_COST}`)];
      }
      return undefined;
    },
    onError: (_ctx, _id, _payload, errors) => requestErrors(errors),
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors
        ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
        : undefined,
  };
}
