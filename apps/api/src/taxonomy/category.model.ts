import { Field, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection';

@ObjectType('Category', { description: 'A node of the category taxonomy. Codes are stable.' })
export class CategoryModel {
  @Field({ description: 'Stable dotted code, e.g. `moving.removals`.' })
  code: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  parentCode: string | null;

  @Field(() => [String])
  keywords: string[];
}

@ObjectType()
export class CategoryConnection extends Connection(CategoryModel) {}
