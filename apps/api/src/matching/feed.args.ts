import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean } from 'class-validator';
import { PageArgs } from '../graphql/connection';

@ArgsType()
export class FeedArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Also list intents that are no longer open.' })
  @IsBoolean()
  includeClosed: boolean = false;

  @Field(() => Boolean, { defaultValue: false, description: 'Also list intents you declined.' })
  @IsBoolean()
  includeDeclined: boolean = false;
}
