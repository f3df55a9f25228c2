import { Query, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { DataExportService } from '@app/data-export';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { JSONObjectScalar } from './json.scalar';

@Resolver()
export class ExportResolver {
  constructor(private readonly exports: DataExportService) {}

  @Roles(AccountKind.INDIVIDUAL)
  @Query(() => JSONObjectScalar, {
    description:
      'Everything held about you as one JSON document (schema: docs/export.schema.json). Also GET /privacy/export.',
  })
  exportMyData(@CurrentViewer() viewer: Viewer) {
    return this.exports.exportFor(viewer);
  }
}
