// The public face of libs/offers: what other contexts and the apps may import (as @app/offers).
export * from './offer-comparison';
export * from './offer-version.entity';
export * from './offer.entity';
export * from './offers.module';
export * from './offers.service';
