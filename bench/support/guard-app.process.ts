import 'reflect-metadata';
import {
  type CanActivate,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Module,
  Post,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import {
  type OperonModuleOptions,
  OperonModule,
  OperonSessionGuard,
  OperonSignatureGuard,
} from '../../lib/index.js';
import type { ChildMessage, ParentMessage } from './child-process.util.js';

// The app under test of the guard rows, in its own process so autocannon
// (in the driver) and the app do not share an event loop. argv[2] holds
// the module options as JSON (bench server URLs, credentials, and the
// row's own options such as `verification`).

/** Nest's own cost of running a guard: the floor for any guard row. */
@Injectable()
class AllowAllGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Controller()
class BenchController {
  @Get('open')
  open() {
    return { ok: true };
  }

  @Get('trivial')
  @UseGuards(AllowAllGuard)
  trivial() {
    return { ok: true };
  }

  @Get('session')
  @UseGuards(OperonSessionGuard)
  session() {
    return { ok: true };
  }

  @Post('signed')
  @HttpCode(200)
  @UseGuards(OperonSignatureGuard)
  signed() {
    return { ok: true };
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as OperonModuleOptions;

  @Module({
    imports: [OperonModule.forRoot({ ...options, logger: false })],
    controllers: [BenchController],
  })
  class BenchAppModule {}

  const app = await NestFactory.create(BenchAppModule, {
    rawBody: true,
    logger: false,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      void app.close().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

void main().catch((error: unknown) => {
  send({ type: 'error', error: String(error) });
  process.exit(1);
});
