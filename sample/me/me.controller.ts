import { Controller, Get, UseGuards } from '@nestjs/common';
import {
  OperonSession,
  OperonSessionGuard,
  type SessionInfo,
} from 'nestjs-operon';

@Controller('me')
@UseGuards(OperonSessionGuard)
export class MeController {
  /**
   * Who holds the PAT sent as `Authorization: Bearer <PAT>` (401 without
   * a live one), as Operon describes the session.
   */
  @Get()
  me(@OperonSession() session: SessionInfo): SessionInfo {
    return session;
  }
}
