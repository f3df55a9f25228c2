import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PlaybookOrigin } from '@app/playbooks';
import { Connection } from '../graphql/connection';
import { CategoryModel } from '../taxonomy/category.model';

registerEnumType(PlaybookOrigin, { name: 'PlaybookOrigin' });

@ObjectType('PlaybookComponent')
export class PlaybookComponentModel {
  @Field()
  title: string;

  @Field({ description: 'Why this part usually belongs to the life event.' })
  explanation: string;

  @Field(() => CategoryModel)
  category?: CategoryModel;

  @Field()
  optional: boolean;
}

@ObjectType('Playbook', { description: 'A life event and the component needs it usually breaks into.' })
export class PlaybookModel {
  @Field({ description: 'Pass as `playbookCode` to createIntent.' })
  code: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => PlaybookOrigin)
  origin: PlaybookOrigin;

  @Field(() => [PlaybookComponentModel])
  components?: PlaybookComponentModel[];
}

@ObjectType()
export class PlaybookConnection extends Connection(PlaybookModel) {}
