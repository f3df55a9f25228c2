import { Module } from '@nestjs/common';
import { QueuesModule } from '@app/queues';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';
import { WebhookDeliverer } from './webhook-deliverer';

/** Webhook endpoints and deliveries. */
@Module({
  imports: [QueuesModule],
  providers: [
    WebhookSecretBox,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    WebhookDeliveryJobs,
    WebhookDeliverer,
  ],
  exports: [WebhookSecretBox, WebhookEndpointsService, WebhookDeliveriesService, WebhookDeliveryJobs, WebhookDeliverer],
})
export class WebhooksModule {}
