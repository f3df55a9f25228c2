import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountKind } from '@app/accounts';
import { Connection } from '../graphql/connection';

registerEnumType(AccountKind, { name: 'AccountKind' });

@ObjectType('Account', { description: 'The signed-in account.' })
export class AccountModel {
  @Field(() => ID)
  id: string;

  @Field(() => AccountKind)
  kind: AccountKind;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field()
  displayName: string;

  @Field(() => ID, { nullable: true, description: 'The vendor profile of a vendor account.' })
  vendorId?: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Session token: send as `Authorization: Bearer <token>`.' })
  token: string;

  @Field(() => AccountModel)
  account: AccountModel;
}

@ObjectType('ApiToken')
export class ApiTokenModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field({ description: 'The secret, shown only this once. Send as `Authorization: Bearer <token>`.' })
  token: string;

  @Field(() => ApiTokenModel)
  apiToken: ApiTokenModel;
}

@ObjectType()
export class ApiTokenConnection extends Connection(ApiTokenModel) {}
