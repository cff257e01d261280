import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module.js';
import { banner } from './banner.js';
import { startEmbeddedEmulator, stopWithApp } from './embedded-emulator.js';

async function bootstrap(): Promise<void> {
  // No credentials: stand in for Operon.Cloud with the embedded emulator.
  const emulator = process.env.OPERON_CLIENT_ID
    ? undefined
    : await startEmbeddedEmulator();

  // AppModule, plus a provider that stops the emulator with the app.
  const app = await NestFactory.create(
    { module: AppModule, providers: emulator ? [stopWithApp(emulator)] : [] },
    // rawBody: OperonSignatureGuard checks the signature over these bytes.
    // abortOnError: false lets a failed start be reported below.
    { rawBody: true, abortOnError: false },
  );
  app.enableShutdownHooks();

  await app.listen(port(), '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  console.log(banner(`http://127.0.0.1:${address.port}`, emulator));
}

function port(): number {
  const value = Number(process.env.PORT || 3000);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  }
  return value;
}

bootstrap().catch((error: unknown) => {
  console.error('The sample could not start:', error);
  if ((error as { code?: unknown } | null)?.code === 'EADDRINUSE') {
    console.error('Choose another port, e.g. PORT=3001 npm run sample');
  }
  process.exit(1);
});
