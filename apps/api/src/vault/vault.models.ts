import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Sensitivity, StandardItemKey } from '@app/vault';

registerEnumType(Sensitivity, {
  name: 'Sensitivity',
  description: 'How sensitive a vault item is; financial, health and identity count as sensitive in consent receipts.',
});

const KEY_HELP = `${Object.values(StandardItemKey).join(', ')}, or custom.<name> (a-z, 0-9, _)`;

@ObjectType('VaultItem', { description: 'A personal data item, decrypted for its owner. Stored encrypted.' })
export class VaultItemModel {
  @Field({ description: KEY_HELP })
  key: string;

  @Field()
  value: string;

  @Field(() => Sensitivity)
  sensitivity: Sensitivity;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@InputType()
export class SetVaultItemInput {
  @Field({ description: KEY_HELP })
  @IsString()
  @MinLength(1)
  @MaxLength(48)
  key: string;

  @Field({ description: 'Checked per key: an email, a phone number, a date such as 1980-04-30, …' })
  @IsString()
  @MaxLength(2000)
  value: string;

  @Field(() => Sensitivity, {
    nullable: true,
    description: "Defaults to the key's usual class (legal_name: IDENTITY, email: CONTACT, custom: BASIC).",
  })
  @IsOptional()
  @IsEnum(Sensitivity)
  sensitivity?: Sensitivity | null;
}
