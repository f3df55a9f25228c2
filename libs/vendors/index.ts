// The public face of libs/vendors: what other contexts and the apps may import (as @app/vendors).
export * from './vendor.entity';
export * from './vendors.module';
export * from './vendors.service';
