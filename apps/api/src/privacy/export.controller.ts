import { Controller, ForbiddenException, Get, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountKind } from '@app/accounts';
import { DataExportService, type PersonalDataExport } from '@app/data-export';
import { ViewerService } from '../auth/viewer.service';

/** `GET /privacy/export` with `Authorization: Bearer <token>`: the export as a file download. */
@Controller('privacy')
export class ExportController {
  constructor(
    private readonly viewers: ViewerService,
    private readonly exports: DataExportService,
  ) {}

  @Get('export')
  async download(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonalDataExport> {
    const authentication = await this.viewers.authenticate(request.headers.authorization);
    if (!authentication.viewer) throw new UnauthorizedException('Authentication required');
    if (authentication.viewer.kind !== AccountKind.INDIVIDUAL) {
      throw new ForbiddenException('Only individuals export their data');
    }
    const document = await this.exports.exportFor(authentication.viewer);
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="intentcast-export-${document.exportedAt.slice(0, 10)}.json"`,
      )
      .header('cache-control', 'no-store');
    return document;
  }
}
