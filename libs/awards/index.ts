// The public face of libs/awards: what other contexts and the apps may import (as @app/awards).
export * from './awards.module';
export * from './awards.service';
export * from './engagement.entity';
