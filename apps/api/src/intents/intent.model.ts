import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IntentStatus } from '@app/intents';
import { Connection } from '../graphql/connection';
import { Money } from '../graphql/money';
import { CategoryModel } from '../taxonomy/category.model';

registerEnumType(IntentStatus, { name: 'IntentStatus' });

@ObjectType({ description: 'What vendors see: a grid-snapped point (~5 km) and/or a postcode district.' })
export class CoarseLocation {
  @Field(() => Float, { nullable: true })
  lat: number | null;

  @Field(() => Float, { nullable: true })
  lng: number | null;

  @Field(() => String, { nullable: true, description: 'Postcode district, e.g. LS6.' })
  area: string | null;
}

@ObjectType({ description: 'The exact location as the individual gave it. Only its owner ever sees it.' })
export class ExactLocation {
  @Field(() => Float, { nullable: true })
  lat: number | null;

  @Field(() => Float, { nullable: true })
  lng: number | null;

  @Field(() => String, { nullable: true })
  postcode: string | null;
}

@ObjectType()
export class TimeWindow {
  @Field(() => Date, { nullable: true })
  start: Date | null;

  @Field(() => Date, { nullable: true })
  end: Date | null;
}

@ObjectType('IntentComponent', { description: 'One part of a multi-part need. Offers price components.' })
export class IntentComponentModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  position: number;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => CategoryModel, { nullable: true })
  category?: CategoryModel | null;

  @Field()
  optional: boolean;
}

@ObjectType('Intent', { description: 'A need broadcast by an individual.' })
export class IntentModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => CategoryModel, { nullable: true })
  category?: CategoryModel | null;

  @Field(() => IntentStatus)
  status: IntentStatus;

  @Field(() => CoarseLocation)
  location?: CoarseLocation;

  @Field(() => ExactLocation, { nullable: true, description: 'null unless you own the intent.' })
  exactLocation?: ExactLocation | null;

  @Field(() => TimeWindow)
  window?: TimeWindow;

  @Field(() => Money, { nullable: true })
  budget?: Money | null;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  openedAt: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => [IntentComponentModel])
  components?: IntentComponentModel[];

  @Field(() => String, { nullable: true, description: 'The life-event playbook it was started from.' })
  playbookCode: string | null;
}

@ObjectType()
export class IntentConnection extends Connection(IntentModel) {}
