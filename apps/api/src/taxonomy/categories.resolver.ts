import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { notFound } from '@app/common';
import { TaxonomyService } from '@app/taxonomy';
import { Public } from '../auth/auth.decorators';
import { PageArgs } from '../graphql/connection';
import { CategoryConnection, CategoryModel } from './category.model';

@ArgsType()
class CategoriesArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Children of this code; omit for every category. Use `""` for the top level.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parentCode?: string | null;
}

@Resolver(() => CategoryModel)
export class CategoriesResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Public()
  @Query(() => CategoryConnection, { description: 'The category taxonomy, ordered by code.' })
  async categories(@Args() args: CategoriesArgs): Promise<CategoryConnection> {
    const parent = args.parentCode === undefined || args.parentCode === null ? undefined : args.parentCode || null;
    const rows = await this.taxonomy.list(parent, args.first, args.after);
    const hasNextPage = rows.length > args.first;
    const nodes = hasNextPage ? rows.slice(0, args.first) : rows;
    return {
      edges: nodes.map((node) => ({ cursor: node.code, node })),
      nodes,
      pageInfo: { hasNextPage, endCursor: nodes[nodes.length - 1]?.code ?? null },
    };
  }

  @Public()
  @Query(() => CategoryModel)
  async category(@Args('code') code: string): Promise<CategoryModel> {
    const [category] = await this.taxonomy.findByCodes([code.slice(0, 100)]);
    if (!category) throw notFound('Category');
    return category;
  }
}
