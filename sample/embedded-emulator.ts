import { Logger, type Provider } from '@nestjs/common';
import { OperonEmulator } from 'nestjs-operon/testing';

/**
 * Starts the Operon emulator that ships with nestjs-operon and points the
 * OPERON_* variables at it, exactly as if they had been set by hand: the
 * app is configured the same way in both cases.
 */
export async function startEmbeddedEmulator(): Promise<OperonEmulator> {
  const emulator = await OperonEmulator.start({ host: '127.0.0.1' });
  Object.assign(process.env, {
    OPERON_CLIENT_ID: emulator.credentials.clientId,
    OPERON_CLIENT_SECRET: emulator.credentials.clientSecret,
    OPERON_BASE_URL: emulator.baseUrl,
    OPERON_TOKEN_URL: emulator.tokenUrl,
    OPERON_DID_RESOLVER_URL: emulator.didResolverUrl,
  });
  return emulator;
}

/** Stops the emulator when Nest shuts down (SIGINT, SIGTERM, close()). */
export function stopWithApp(emulator: OperonEmulator): Provider {
  return {
    provide: 'EMBEDDED_EMULATOR_SHUTDOWN',
    useValue: {
      async onApplicationShutdown() {
        await emulator.stop();
        new Logger('EmbeddedEmulator').log('Embedded emulator stopped');
      },
    },
  };
}
