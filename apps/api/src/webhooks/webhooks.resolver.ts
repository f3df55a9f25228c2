import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { WebhookDeliveriesService, type WebhookDelivery, WebhookEndpointsService } from '@app/webhooks';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { PageArgs, toConnection } from '../graphql/connection';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookDeliveriesArgs } from './webhook.inputs';
import {
  WebhookDeliveryAttemptModel,
  WebhookDeliveryConnection,
  WebhookDeliveryModel,
  WebhookEndpointConnection,
  WebhookEndpointModel,
  WebhookEndpointSecret,
} from './webhook.models';

/** A vendor's webhook endpoints. Another vendor's endpoint answers NOT_FOUND, like a missing one. */
@Roles(AccountKind.VENDOR)
@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointsResolver {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Query(() => WebhookEndpointConnection, { description: 'Your webhook endpoints, newest first.' })
  async webhookEndpoints(@CurrentViewer() viewer: Viewer, @Args() page: PageArgs) {
    return toConnection(await this.endpoints.list(viewer, page));
  }

  @Mutation(() => WebhookEndpointSecret, {
    description: 'Register an endpoint for your notifications; its signing secret is shown only this once.',
  })
  createWebhookEndpoint(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateWebhookEndpointInput) {
    return this.endpoints.create(viewer, input);
  }

  @Mutation(() => WebhookEndpointModel)
  updateWebhookEndpoint(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateWebhookEndpointInput,
  ) {
    return this.endpoints.update(viewer, id, input);
  }

  @Mutation(() => WebhookEndpointSecret, {
    description: 'A new signing secret, shown only this once; the old one also signs for 24 hours.',
  })
  rotateWebhookSecret(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.endpoints.rotateSecret(viewer, id);
  }

  @Mutation(() => WebhookEndpointModel, { description: 'Delete an endpoint and its delivery log.' })
  deleteWebhookEndpoint(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.endpoints.remove(viewer, id);
  }
}

/** The delivery log of an endpoint, and redelivery. */
@Roles(AccountKind.VENDOR)
@Resolver(() => WebhookDeliveryModel)
export class WebhookDeliveriesResolver {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's deliveries, newest first, each with its attempts.",
  })
  async webhookDeliveries(@CurrentViewer() viewer: Viewer, @Args() args: WebhookDeliveriesArgs) {
    return toConnection(await this.deliveries.list(viewer, args.endpointId, args.status, args));
  }

  @Mutation(() => WebhookDeliveryModel, {
    description: 'Send a failed delivery again, with a new retry window.',
  })
  redeliverWebhook(@CurrentViewer() viewer: Viewer, @Args('deliveryId', { type: () => ID }) deliveryId: string) {
    return this.deliveries.redeliver(viewer, deliveryId);
  }

  @ResolveField(() => ID, { description: 'From the payload, which carries ids only.' })
  intentId(delivery: WebhookDelivery) {
    return delivery.payload.data.intentId;
  }

  @ResolveField(() => ID, { nullable: true })
  offerId(delivery: WebhookDelivery) {
    return delivery.payload.data.offerId ?? null;
  }

  @ResolveField(() => [WebhookDeliveryAttemptModel], {
    description: 'Its attempts in order (the latest 100).',
  })
  attempts(delivery: WebhookDelivery, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.webhookDeliveryAttempts.load(delivery.id);
  }
}
