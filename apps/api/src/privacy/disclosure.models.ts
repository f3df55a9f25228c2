import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DataUseOutcome, DisclosureStage } from '@app/disclosure';
import { ErasureStatus } from '@app/erasure';
import { Sensitivity } from '@app/vault';
import { Connection } from '../graphql/connection';
import { IntentModel } from '../intents/intent.model';
import { VendorModel } from '../vendors/vendor.model';
import { JSONObjectScalar } from './json.scalar';

registerEnumType(DisclosureStage, {
  name: 'DisclosureStage',
  description: 'BROADCAST: matched vendors of the open intent; OFFER: vendors with an active offer; AWARD: winners.',
});
registerEnumType(DataUseOutcome, { name: 'DataUseOutcome' });
registerEnumType(ErasureStatus, { name: 'ErasureStatus' });

@ObjectType('DisclosurePolicy', {
  description:
    'Which vault items each stage of an intent releases. Stages are cumulative: winners also get the earlier ones.',
})
export class DisclosurePolicyModel {
  @Field(() => [String], { description: 'To every matched vendor (default: nothing beyond the coarse location).' })
  broadcast: string[];

  @Field(() => [String], { description: 'To vendors with an active offer.' })
  offer: string[];

  @Field(() => [String], { description: 'To awarded vendors.' })
  award: string[];

  @Field(() => Date, { nullable: true, description: 'null while no policy was set.' })
  updatedAt: Date | null;
}

@ObjectType('PrivacyTerms', { description: 'What a vendor agrees to before it sees any disclosed item of the intent.' })
export class PrivacyTermsModel {
  @Field(() => Int, { description: 'Every change is a new version that vendors must accept again.' })
  version: number;

  @Field({ description: 'false while the defaults apply.' })
  stated: boolean;

  @Field({ description: 'No marketing use of disclosed data.' })
  noMarketing: boolean;

  @Field({ description: 'No resale or passing on of disclosed data.' })
  noResale: boolean;

  @Field(() => Int, { description: 'Days the vendor may keep disclosed data after the engagement ends.' })
  retentionDays: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'For vendors: whether you accepted this version. null for the owner.',
  })
  acceptedByMe?: boolean | null;
}

@ObjectType('DisclosedItem', {
  description: 'A personal data item the individual disclosed to you. Every read is logged.',
})
export class DisclosedItemModel {
  @Field()
  key: string;

  @Field()
  value: string;

  @Field(() => Sensitivity)
  sensitivity: Sensitivity;

  @Field(() => DisclosureStage, { description: 'The stage that released it to you.' })
  stage: DisclosureStage;
}

@ObjectType('ConsentReceipt', { description: 'A Kantara Consent Receipt v1.1 for one disclosure grant.' })
export class ConsentReceiptModel {
  @Field(() => ID, { description: 'Also the consentReceiptID inside the document.' })
  id: string;

  @Field(() => ID)
  grantId: string;

  @Field()
  createdAt: Date;

  @Field(() => JSONObjectScalar, { description: 'The receipt (schema: docs/consent-receipt.schema.json).' })
  document: object;
}

@ObjectType()
export class ConsentReceiptConnection extends Connection(ConsentReceiptModel) {}

@ObjectType('DisclosureGrant', { description: 'Vault items released to one vendor for one intent and stage.' })
export class DisclosureGrantModel {
  @Field(() => ID)
  id: string;

  @Field(() => IntentModel)
  intent?: IntentModel;

  @Field(() => VendorModel)
  vendor?: VendorModel;

  @Field(() => DisclosureStage)
  stage: DisclosureStage;

  @Field(() => [String])
  itemKeys: string[];

  @Field()
  purpose: string;

  @Field(() => Int)
  termsVersion: number;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it stopped being in force.' })
  endedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'revoked, erased, superseded (items changed) or lapsed (stage left).',
  })
  endReason: string | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => ConsentReceiptModel)
  receipt?: ConsentReceiptModel;
}

@ObjectType()
export class DisclosureGrantConnection extends Connection(DisclosureGrantModel) {}

@ObjectType('DataUseLogEntry', { description: 'One vendor read (or refused read) of your personal data.' })
export class DataUseLogEntryModel {
  @Field(() => ID)
  id: string;

  @Field(() => VendorModel)
  vendor?: VendorModel;

  @Field(() => IntentModel)
  intent?: IntentModel;

  @Field(() => [String])
  itemKeys: string[];

  @Field()
  purpose: string;

  @Field(() => DataUseOutcome)
  outcome: DataUseOutcome;

  @Field(() => String, { nullable: true, description: 'Why a read was refused: revoked, erased, terms_not_accepted.' })
  detail: string | null;

  @Field({ description: 'The API field it came through, e.g. Intent.disclosedItems.' })
  accessPath: string;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class DataUseLogEntryConnection extends Connection(DataUseLogEntryModel) {}

@ObjectType('ErasureReceipt', { description: 'What an erasure did. Names no one; fetch it with the token.' })
export class ErasureReceiptModel {
  @Field(() => ID)
  receiptId: string;

  @Field(() => ErasureStatus)
  status: ErasureStatus;

  @Field()
  requestedAt: Date;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => JSONObjectScalar, { description: 'Counts per step, e.g. vaultItemsDeleted, intentsAnonymised.' })
  summary: object;
}

@ObjectType()
export class ErasureRequested {
  @Field({ description: 'Keep it: the only way to fetch the receipt (erasureReceipt) once the account is gone.' })
  receiptToken: string;

  @Field(() => ErasureReceiptModel)
  receipt: ErasureReceiptModel;
}
