import { Module } from '@nestjs/common';
import { PlaybooksService } from './playbooks.service';

/** Life-event playbooks. */
@Module({ providers: [PlaybooksService], exports: [PlaybooksService] })
export class PlaybooksModule {}
