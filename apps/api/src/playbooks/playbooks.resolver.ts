import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound } from '@app/common';
import { type Playbook, type PlaybookComponent, PlaybooksService } from '@app/playbooks';
import { Public } from '../auth/auth.decorators';
import { PageArgs } from '../graphql/connection';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { CategoryModel } from '../taxonomy/category.model';
import { PlaybookComponentModel, PlaybookConnection, PlaybookModel } from './playbook.model';

@Resolver(() => PlaybookModel)
export class PlaybooksResolver {
  constructor(private readonly playbookService: PlaybooksService) {}

  @Public()
  @Query(() => PlaybookConnection, { description: 'Life-event playbooks, ordered by code.' })
  async playbooks(@Args() page: PageArgs): Promise<PlaybookConnection> {
    const rows = await this.playbookService.list(page.first, page.after);
    const hasNextPage = rows.length > page.first;
    const nodes = hasNextPage ? rows.slice(0, page.first) : rows;
    return {
      edges: nodes.map((node) => ({ cursor: node.code, node })),
      nodes,
      pageInfo: { hasNextPage, endCursor: nodes[nodes.length - 1]?.code ?? null },
    };
  }

  @Public()
  @Query(() => PlaybookModel)
  async playbook(@Args('code') code: string): Promise<Playbook> {
    const [playbook] = await this.playbookService.findByCodes([code.slice(0, 100)]);
    if (!playbook) throw notFound('Playbook');
    return playbook;
  }

  @ResolveField(() => [PlaybookComponentModel])
  components(playbook: Playbook, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.playbookComponents.load(playbook.code);
  }
}

@Resolver(() => PlaybookComponentModel)
export class PlaybookComponentsResolver {
  @ResolveField(() => CategoryModel)
  category(component: PlaybookComponent, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.category.load(component.categoryCode);
  }
}
