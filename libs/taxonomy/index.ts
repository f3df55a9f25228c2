// The public face of libs/taxonomy: what other contexts and the apps may import (as @app/taxonomy).
export * from './category.entity';
export * from './taxonomy.data';
export * from './taxonomy.module';
export * from './taxonomy.service';
