import { Module } from '@nestjs/common';
import { MatchingService } from './matching.service';
import { VendorCandidateSearch } from './vendor-candidate-search';
import { MatchTaxonomy } from './match-taxonomy';
import { VendorFeedService } from './vendor-feed.service';

/** Matching intents to vendors, and the vendor feed. */
@Module({
  providers: [MatchingService, VendorCandidateSearch, MatchTaxonomy, VendorFeedService],
  exports: [MatchingService, VendorCandidateSearch, MatchTaxonomy, VendorFeedService],
})
export class MatchingModule {}
