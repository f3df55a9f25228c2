// The public face of libs/webhooks: what other contexts and the apps may import (as @app/webhooks).
export * from './webhook-deliverer';
export * from './webhook-deliveries.service';
export * from './webhook-delivery-attempt.entity';
export * from './webhook-delivery-jobs';
export * from './webhook-delivery.entity';
export * from './webhook-endpoint.entity';
export * from './webhook-endpoints.service';
export * from './webhook-event-types';
export * from './webhook-fan-out';
export * from './webhook-secret-box';
export * from './webhook-url-guard';
export * from './webhooks.module';
