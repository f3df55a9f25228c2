// The public face of libs/erasure: what other contexts and the apps may import (as @app/erasure).
export * from './erasure-jobs';
export * from './erasure-request.entity';
export * from './erasure-runner';
export * from './erasure.module';
export * from './erasure.service';
export * from './session-revocation';
