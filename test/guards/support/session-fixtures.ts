import { Controller, Get, UseGuards } from '@nestjs/common';
import {
  OperonPublic,
  OperonRoles,
  OperonSession,
  OperonSessionGuard,
  OperonWorkstream,
  type SessionInfo,
} from '../../../lib/index.js';
import type { OperonEmulator } from '../../../lib/testing/index.js';

/** Handler invocations of the session controllers. */
export const sessionHits = { count: 0 };

/** Routes behind `OperonSessionGuard`, declared per controller. */
@Controller('me')
@UseGuards(OperonSessionGuard)
export class MeController {
  @Get()
  me(@OperonSession() session: SessionInfo) {
    sessionHits.count++;
    return session;
  }

  @Get('admin')
  @OperonRoles('admin', 'm2m')
  admin() {
    sessionHits.count++;
    return { ok: true };
  }

  @Get('other-workstream')
  @OperonWorkstream('wstr-elsewhere')
  elsewhere() {
    sessionHits.count++;
    return { ok: true };
  }
}

/** Routes for a globally registered guard. */
@Controller('app')
export class AppController {
  @Get()
  secret(@OperonSession() session: SessionInfo) {
    sessionHits.count++;
    return { userId: session.userId };
  }

  @Get('health')
  @OperonPublic()
  health(@OperonSession() session: SessionInfo | undefined) {
    sessionHits.count++;
    return { session: session ?? null };
  }
}

/** Session validations the emulator answered. */
export function validateCalls(emu: OperonEmulator): number {
  return emu.requests().filter((r) => r.routeId === 'validate').length;
}
