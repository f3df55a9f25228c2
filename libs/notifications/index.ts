// The public face of libs/notifications: what other contexts and the apps may import (as @app/notifications).
export * from './notification';
export * from './notification-channels';
export * from './notification-publisher';
export * from './notifications.module';
