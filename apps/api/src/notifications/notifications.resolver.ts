import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { AppError, ErrorCode } from '@app/common';
import { IntentsService, type Intent } from '@app/intents';
import type { IntentMatch } from '@app/matching';
import { type DeliveredNotification, type NotificationSubject, NotificationType } from '@app/notifications';
import { type Offer, OffersService } from '@app/offers';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LiveEventLoaders } from '../graphql/loaders';
import { IntentModel } from '../intents/intent.model';
import { FeedItemModel } from '../matching/feed.model';
import { OfferModel } from '../offers/offer.model';
import { NotificationModel } from './notification.model';
import { NotificationStream } from './notification-stream.service';

/** A notification as the resolver hands it to GraphQL (the fields resolve on Intent and Offer). */
interface ResolvedNotification {
  id: string;
  type: NotificationType;
  subject: NotificationSubject;
  intent: Intent;
  offer: Offer | null;
  occurredAt: Date;
}

/** The subscription's optional filter to one intent. */
interface IntentFilterArgs {
  intentId?: string | null;
}

const outsideFilter = (args: IntentFilterArgs, event: DeliveredNotification) =>
  Boolean(args.intentId) && args.intentId!.toLowerCase() !== event.intentId;

/** A record the viewer may not (or no longer) see: the event is dropped for them. */
async function visibleOrNull<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

const viewerOf = (context: GraphQLContext): Viewer => {
  if (!context.viewer) throw new Error('subscription event without a viewer');
  return context.viewer;
};

/**
 * Live events over graphql-ws. Each connection is authenticated when it opens; each event is
 * authorised again, against the database, for the subscriber it is about to reach.
 */
@Resolver()
export class NotificationsResolver {
  /** What `filter` looked up for an event, reused by `resolve` for the same event and subscriber. */
  private readonly lookups = new WeakMap<DeliveredNotification, Map<string, Promise<unknown>>>();

  constructor(
    private readonly stream: NotificationStream,
    /** Feed items for match events: one match reaches many vendors at once, their checks are one query. */
    private readonly liveLoaders: LiveEventLoaders,
    private readonly intents: IntentsService,
    private readonly offers: OffersService,
  ) {}

  @Roles(AccountKind.VENDOR)
  @Subscription(() => FeedItemModel, {
    description: 'Each intent newly matched to you, with why it matched.',
    filter(this: NotificationsResolver, event: DeliveredNotification, _args: unknown, context: GraphQLContext) {
      return event.type === NotificationType.MATCH_CREATED && this.matchFor(viewerOf(context), event).then(Boolean);
    },
    resolve(this: NotificationsResolver, event: DeliveredNotification, _args: unknown, context: GraphQLContext) {
      return this.matchFor(viewerOf(context), event);
    },
  })
  matchCreated(@CurrentViewer() viewer: Viewer) {
    return this.stream.of({ vendorId: viewer.vendorId! }, (event) => {
      if (event.type === NotificationType.MATCH_CREATED) this.prefetch(this.matchFor(viewer, event));
    });
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Subscription(() => OfferModel, {
    description: 'Each offer made or revised on your intents (or on one of them).',
    filter(this: NotificationsResolver, event: DeliveredNotification, args: IntentFilterArgs, context) {
      if (event.type !== NotificationType.OFFER_RECEIVED || outsideFilter(args, event)) return false;
      return this.offerFor(viewerOf(context as GraphQLContext), event).then(Boolean);
    },
    resolve(this: NotificationsResolver, event: DeliveredNotification, _args: unknown, context: GraphQLContext) {
      return this.offerFor(viewerOf(context), event);
    },
  })
  offerReceived(
    @CurrentViewer() viewer: Viewer,
    @Args('intentId', { type: () => ID, nullable: true }) intentId?: string | null,
  ) {
    return this.stream.of({ accountId: viewer.accountId }, (event) => {
      if (event.type === NotificationType.OFFER_RECEIVED && !outsideFilter({ intentId }, event)) {
        this.prefetch(this.offerFor(viewer, event));
      }
    });
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Subscription(() => IntentModel, {
    description:
      'Each time the assembled solutions of your intents (or of one of them) are recomputed: ask for `solutions` and `assembly`.',
    filter(this: NotificationsResolver, event: DeliveredNotification, args: IntentFilterArgs, context) {
      if (event.type !== NotificationType.SOLUTIONS_UPDATED || outsideFilter(args, event)) return false;
      return this.intentFor(viewerOf(context as GraphQLContext), event).then(Boolean);
    },
    resolve(this: NotificationsResolver, event: DeliveredNotification, _args: unknown, context: GraphQLContext) {
      return this.intentFor(viewerOf(context), event);
    },
  })
  solutionsUpdated(
    @CurrentViewer() viewer: Viewer,
    @Args('intentId', { type: () => ID, nullable: true }) intentId?: string | null,
  ) {
    return this.stream.of({ accountId: viewer.accountId }, (event) => {
      if (event.type === NotificationType.SOLUTIONS_UPDATED && !outsideFilter({ intentId }, event)) {
        this.prefetch(this.intentFor(viewer, event));
      }
    });
  }

  @Subscription(() => NotificationModel, {
    description:
      'Everything you are told about: new matches, offers received, awards and losses, expiries, withdrawals, recomputed solutions.',
    filter(this: NotificationsResolver, event: DeliveredNotification, _args: unknown, context: GraphQLContext) {
      return this.notificationFor(viewerOf(context), event).then(Boolean);
    },
    resolve(this: NotificationsResolver, event: DeliveredNotification, _args: unknown, context: GraphQLContext) {
      return this.notificationFor(viewerOf(context), event);
    },
  })
  notifications(@CurrentViewer() viewer: Viewer) {
    return this.stream.of(
      viewer.kind === AccountKind.VENDOR ? { vendorId: viewer.vendorId! } : { accountId: viewer.accountId },
      (event) => this.prefetch(this.notificationFor(viewer, event)),
    );
  }

  /** Starts an event's lookup on arrival; filter and resolve await the same promise (and see its error). */
  private prefetch(lookup: Promise<unknown>): void {
    lookup.catch(() => undefined);
  }

  /** Looks something up once per event and subscriber, whether filter or resolve asks first. */
  private once<T>(event: DeliveredNotification, key: string, load: () => Promise<T>): Promise<T> {
    let perEvent = this.lookups.get(event);
    if (!perEvent) {
      perEvent = new Map();
      this.lookups.set(event, perEvent);
    }
    let result = perEvent.get(key) as Promise<T> | undefined;
    if (!result) {
      result = load();
      perEvent.set(key, result);
    }
    return result;
  }

  private matchFor(viewer: Viewer, event: DeliveredNotification): Promise<IntentMatch | null> {
    const { vendorId } = viewer;
    const { intentId } = event;
    if (!vendorId || !intentId) return Promise.resolve(null);
    return this.once(event, `match:${vendorId}`, () => this.liveLoaders.feedItem.load({ vendorId, intentId }));
  }

  private offerFor(viewer: Viewer, event: DeliveredNotification): Promise<Offer | null> {
    const offerId = event.offerId;
    if (!offerId) return Promise.resolve(null);
    return this.once(event, `offer:${viewer.accountId}`, () =>
      visibleOrNull(() => this.offers.findVisible(viewer, offerId)),
    );
  }

  private intentFor(viewer: Viewer, event: DeliveredNotification): Promise<Intent | null> {
    const { intentId } = event;
    if (!intentId) return Promise.resolve(null);
    return this.once(event, `intent:${viewer.accountId}`, () =>
      visibleOrNull(() => this.intents.findVisible(viewer, intentId)),
    );
  }

  private notificationFor(viewer: Viewer, event: DeliveredNotification): Promise<ResolvedNotification | null> {
    return this.once(event, `notification:${viewer.accountId}`, () => this.loadNotification(viewer, event));
  }

  private async loadNotification(viewer: Viewer, event: DeliveredNotification): Promise<ResolvedNotification | null> {
    const intent = await this.intentFor(viewer, event);
    if (!intent) return null;
    const offer = event.offerId ? await this.offerFor(viewer, event) : null;
    if (event.offerId && !offer) return null;
    const { id, type, subject, occurredAt } = event;
    return { id, type, subject, intent, offer, occurredAt: new Date(occurredAt) };
  }
}
