// The public face of libs/outbox: what other contexts and the apps may import (as @app/outbox).
export * from './outbox-event.entity';
export * from './outbox-relay';
export * from './record-event';
export * from './record-notifications';
