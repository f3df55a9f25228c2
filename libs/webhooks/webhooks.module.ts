import { Module } from '@nestjs/common';
import { QueuesModule } from '@app/queues';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookFanOut } from './webhook-fan-out';

/** Webhook endpoints and deliveries. */
@Module({
  imports: [QueuesModule],
  providers: [
    WebhookSecretBox,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    WebhookDeliveryJobs,
    WebhookDeliverer,
    WebhookFanOut,
  ],
  exports: [
    WebhookSecretBox,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    WebhookDeliveryJobs,
    WebhookDeliverer,
    WebhookFanOut,
  ],
})
export class WebhooksModule {}
