// The public face of libs/intents: what other contexts and the apps may import (as @app/intents).
export * from './intent-assembly';
export * from './intent-component.entity';
export * from './intent.entity';
export * from './intents.module';
export * from './intents.service';
export * from './request-assembly';
