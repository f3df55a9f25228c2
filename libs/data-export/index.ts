// The public face of libs/data-export: what other contexts and the apps may import (as @app/data-export).
export * from './data-export.module';
export * from './data-export.service';
export * from './personal-data-export';
