import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { AccountKind } from '@app/accounts';

@InputType()
export class SignUpInput {
  @Field(() => AccountKind)
  @IsEnum(AccountKind)
  kind: AccountKind;

  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @Field({ description: '10 to 200 characters.' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName: string;
}

@InputType()
export class LogInInput {
  @Field()
  @IsString()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}

@InputType()
export class CreateApiTokenInput {
  @Field({ description: 'What the token is for, e.g. "CRM integration".' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}
