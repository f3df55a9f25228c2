// The public face of libs/disclosure: what other contexts and the apps may import (as @app/disclosure).
export * from './consent-receipt';
export * from './consent-receipt.entity';
export * from './consent-receipt.schema';
export * from './consent-receipts.service';
export * from './data-use-log-entry.entity';
export * from './data-use-log.service';
export * from './disclosure-grant.entity';
export * from './disclosure-grants.service';
export * from './disclosure-policy.entity';
export * from './disclosure-policy.service';
export * from './disclosure-read';
export * from './disclosure-reader.service';
export * from './disclosure-stages';
export * from './disclosure.module';
export * from './privacy-terms.entity';
