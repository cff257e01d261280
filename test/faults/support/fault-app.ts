import { randomUUID } from 'node:crypto';
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  type INestApplication,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ExpressAdapter,
  type NestExpressApplication,
} from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import {
  OperonAuthService,
  OperonModule,
  type OperonModuleOptions,
  OperonSessionGuard,
  OperonSignatureGuard,
  PatService,
  SignatureService,
  TransactionsService,
  WorkstreamsService,
} from '../../../lib/index.js';

/** The interaction of the emulator's seeded realm that submissions use. */
export const FAULT_INTERACTION = 'intr-emulator-invoice';

/** A transaction request with a fresh correlation ID. */
export function faultTransaction(correlationId = `ct-${randomUUID()}`) {
  return {
    correlationId,
    interactionId: FAULT_INTERACTION,
    payload: { order: correlationId, amount: 42 },
  };
}

/** The routes the app keeps serving whatever Operon does. */
@Controller()
export class FaultAppController {
  constructor(
    @Inject(TransactionsService)
    private readonly transactions: TransactionsService,
  ) {}

  @Get('ping')
  ping() {
    return { ok: true };
  }

  @Get('me')
  @UseGuards(OperonSessionGuard)
  me() {
    return { ok: true };
  }

  @Post('hook')
  @HttpCode(200)
  @UseGuards(OperonSignatureGuard)
  hook() {
    return { ok: true };
  }

  @Post('submit')
  @HttpCode(200)
  async submit() {
    const tx = await this.transactions.submitTransaction(faultTransaction());
    return { id: tx.id };
  }
}

/** A running Express app with the module and its services. */
export interface FaultApp {
  app: INestApplication;
  auth: OperonAuthService;
  transactions: TransactionsService;
  workstreams: WorkstreamsService;
  signatures: SignatureService;
  pat: PatService;
}

/** Boots the app on Express with `rawBody: true` (signature guard). */
export async function bootFaultApp(
  options: OperonModuleOptions,
): Promise<FaultApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [OperonModule.forRoot(options)],
    controllers: [FaultAppController],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(
    new ExpressAdapter(),
    { rawBody: true, logger: false },
  );
  await app.init();
  return {
    app,
    auth: app.get(OperonAuthService),
    transactions: app.get(TransactionsService),
    workstreams: app.get(WorkstreamsService),
    signatures: app.get(SignatureService),
    pat: app.get(PatService),
  };
}
