// The public face of libs/matching: what other contexts and the apps may import (as @app/matching).
export * from './category-family';
export * from './intent-match.entity';
export * from './match-explanation';
export * from './match-scoring';
export * from './match-taxonomy';
export * from './matching.module';
export * from './matching.service';
export * from './vendor-candidate-search';
export * from './vendor-feed.service';
