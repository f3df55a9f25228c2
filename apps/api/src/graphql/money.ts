import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString } from 'class-validator';
import { formatAmount } from '@app/common';
import { IsAmount, IsCurrencyCode } from './validators';

@ObjectType({ description: 'An amount of money: a decimal string (never a float) and an ISO 4217 currency.' })
export class Money {
  @Field({ description: 'Decimal string in the currency\'s minor-unit precision, e.g. "1250.00".' })
  amount: string;

  @Field({ description: 'ISO 4217 code, e.g. GBP.' })
  currency: string;
}

@InputType()
export class MoneyInput {
  @Field({ description: 'Non-negative decimal string, e.g. "1250" or "1250.50".' })
  @IsString()
  @IsAmount('amount')
  amount: string;

  @Field({ description: 'ISO 4217 code, e.g. GBP.' })
  @IsString()
  @IsCurrencyCode()
  currency: string;
}

export function toMoney(minor: string | bigint | null | undefined, currency: string | null | undefined): Money | null {
  if (minor === null || minor === undefined || !currency) return null;
  return { amount: formatAmount(minor, currency), currency };
}
