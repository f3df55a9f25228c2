// The public face of libs/config: what other contexts and the apps may import (as @app/config).
export * from './config';
export * from './config.module';
