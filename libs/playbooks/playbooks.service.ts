import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import { findEntities } from '@app/database';
import { badInput } from '@app/common';
import { Playbook, PlaybookComponent } from './playbook.entity';

@Injectable()
export class PlaybooksService {
  constructor(private readonly dataSource: DataSource) {}

  /** Playbooks ordered by code; `after` is the last code of the previous page. */
  async list(first: number, after?: string | null): Promise<Playbook[]> {
    return this.dataSource.getRepository(Playbook).find({
      where: after ? { code: MoreThan(after) } : {},
      order: { code: 'ASC' },
      take: first + 1,
    });
  }

  async findByCodes(codes: readonly string[]): Promise<Playbook[]> {
    if (codes.length === 0) return [];
    return this.dataSource.getRepository(Playbook).find({ where: { code: In([...codes]) } });
  }

  async componentsByCodes(codes: readonly string[]): Promise<PlaybookComponent[]> {
    if (codes.length === 0) return [];
    return findEntities(this.dataSource.manager, PlaybookComponent, {
      where: { playbookCode: In([...codes]) },
      order: { playbookCode: 'ASC', position: 'ASC' },
    });
  }

  /** The playbook's components, or BAD_USER_INPUT naming `field` when the code is unknown. */
  async requireComponents(code: string, field: string): Promise<PlaybookComponent[]> {
    const components = await this.componentsByCodes([code]);
    if (components.length === 0) throw badInput(field, `unknown playbook "${code}"`);
    return components;
  }
}
