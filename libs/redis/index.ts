// The public face of libs/redis: what other contexts and the apps may import (as @app/redis).
export * from './redis-connection';
export * from './redis.module';
