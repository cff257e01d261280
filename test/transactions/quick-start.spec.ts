import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  activeStates,
  OperonModule,
  TransactionsService,
  WorkstreamsService,
  type Transaction,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { unverifiedTransactions } from './signature-check.js';

let emu: OperonEmulator;
let app: INestApplicationContext;

// The official SDKs' quick start, written as an application service.
@Injectable()
class OrdersService {
  constructor(
    @Inject(TransactionsService)
    private readonly transactions: TransactionsService,
    @Inject(WorkstreamsService)
    private readonly workstreams: WorkstreamsService,
  ) {}

  recordOrder(): Promise<Transaction> {
    return this.transactions.submitTransaction({
      correlationId: 'ext-001',
      interactionId: 'intr-emulator-invoice',
      payload: Buffer.from('{"foo":"bar"}'),
      actorExternalId: 'agent-12',
      actorExternalDisplayName: 'Support Bot',
      actorExternalSource: 'crm',
      assigneeExternalId: 'user-42',
      assigneeExternalDisplayName: 'Bob Smith',
      assigneeExternalSource: 'crm',
    });
  }

  async openStates(): Promise<string[]> {
    const workstream = await this.workstreams.getWorkstream();
    return activeStates(workstream).map((state) => state.name);
  }
}

beforeAll(async () => {
  emu = await OperonEmulator.start();

  @Module({
    imports: [
      OperonModule.forRootAsync({
        useFactory: () => emu.moduleOptions({ eagerInit: true }),
      }),
    ],
    providers: [OrdersService],
  })
  class AppModule {}

  app = await NestFactory.createApplicationContext(AppModule, {
    logger: false,
  });
  await app.init();
});

afterAll(async () => {
  await app?.close();
  await emu?.stop();
});

it('runs the SDK quick start through the injected services', async () => {
  const orders = app.get(OrdersService);

  const transaction = await orders.recordOrder();

  expect(transaction.id).toMatch(/\S/);
  expect(transaction.status).toBe('received');
  const [stored] = emu.transactions();
  expect(stored).toMatchObject({
    id: transaction.id,
    correlationId: 'ext-001',
    payloadHash: 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks',
    actorExternalId: 'agent-12',
    actorExternalDisplayName: 'Support Bot',
    actorExternalSource: 'crm',
    assigneeExternalId: 'user-42',
    assigneeExternalDisplayName: 'Bob Smith',
    assigneeExternalSource: 'crm',
  });
  expect(transaction.assigneeExternalDisplayName).toBe('Bob Smith');
  expect(await orders.openStates()).toContain('New');
  expect(await unverifiedTransactions(emu)).toEqual([]);
  // eagerInit fetched the token at boot; the whole flow reused it.
  expect(emu.requests().filter((r) => r.routeId === 'token')).toHaveLength(1);
});
