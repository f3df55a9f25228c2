import { Account } from '@app/accounts/account.entity';
import { ApiToken } from '@app/accounts/api-token.entity';
import { Engagement } from '@app/awards/engagement.entity';
import { IntentComponent } from '@app/intents/intent-component.entity';
import { Intent } from '@app/intents/intent.entity';
import { IntentMatch } from '@app/matching/intent-match.entity';
import { OutboxEvent } from '@app/outbox/outbox-event.entity';
import { Playbook, PlaybookComponent } from '@app/playbooks/playbook.entity';
import { IntentSolution } from '@app/solutions/intent-solution.entity';
import { OfferVersion } from '@app/offers/offer-version.entity';
import { Offer } from '@app/offers/offer.entity';
import { Category } from '@app/taxonomy/category.entity';
import { Vendor } from '@app/vendors/vendor.entity';
import { IdempotencyRecord } from './idempotency-record.entity';

/** Every entity, listed explicitly (no globs: they break under bundlers and Jest). */
export const ENTITIES = [
  Account,
  ApiToken,
  Category,
  Vendor,
  Intent,
  IntentComponent,
  IntentMatch,
  Offer,
  OfferVersion,
  Engagement,
  IdempotencyRecord,
  OutboxEvent,
  Playbook,
  PlaybookComponent,
  IntentSolution,
];
