// One app instance of the queue benchmark: boots OperonModule and
// OperonQueueModule with workers, says "ready" over IPC, and closes
// (draining its worker) when told to stop.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OperonModule } from '../lib/index.js';
import { OperonQueueModule } from '../lib/queue/index.js';

async function main(): Promise<void> {
  const { operon, queue } = JSON.parse(process.argv[2] ?? '{}');
  class QueueWorkerModule {}
  Module({
    imports: [
      OperonModule.forRoot({ ...operon, logger: false }),
      OperonQueueModule.forRoot({ ...queue, logger: false }),
    ],
  })(QueueWorkerModule);

  const app = await NestFactory.createApplicationContext(QueueWorkerModule, {
    logger: false,
  });
  // CPU spent from "ready" to "stop": the cost of the jobs, not the boot.
  const ready = process.cpuUsage();
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    const { user, system } = process.cpuUsage(ready);
    const cpuMs = (user + system) / 1000;
    void app.close().then(() => {
      process.send?.({ type: 'stopped', cpuMs }, () => process.exit(0));
    });
  });
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', error: String(error) });
  process.exitCode = 1;
});
