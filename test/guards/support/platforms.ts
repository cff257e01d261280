import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import {
  ExpressAdapter,
  type NestExpressApplication,
} from '@nestjs/platform-express';
import {
  FastifyAdapter,
  type NestFastifyApplication,
} from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';

/** How an HTTP app is built on one Nest platform. */
export interface Platform {
  name: 'express' | 'fastify';
  create(
    metadata: ModuleMetadata,
    options?: PlatformOptions,
  ): Promise<INestApplication>;
}

/** Options of {@link Platform.create}. */
export interface PlatformOptions {
  /** Nest's `rawBody` application option. @default true */
  rawBody?: boolean;
  /** A body limit above the platform default, in bytes. */
  bodyLimit?: number;
}

/** Express and Fastify, for `describe.each`. */
export const PLATFORMS: Platform[] = [
  {
    name: 'express',
    async create(metadata, options = {}) {
      const moduleRef = await Test.createTestingModule(metadata).compile();
      const app = moduleRef.createNestApplication<NestExpressApplication>(
        new ExpressAdapter(),
        { rawBody: options.rawBody ?? true, logger: false },
      );
      if (options.bodyLimit) {
        app.useBodyParser('json', { limit: options.bodyLimit });
      }
      await app.init();
      return app;
    },
  },
  {
    name: 'fastify',
    async create(metadata, options = {}) {
      const moduleRef = await Test.createTestingModule(metadata).compile();
      const adapter = new FastifyAdapter(
        options.bodyLimit ? { bodyLimit: options.bodyLimit } : {},
      );
      const app = moduleRef.createNestApplication<NestFastifyApplication>(
        adapter,
        { rawBody: options.rawBody ?? true, logger: false },
      );
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      return app;
    },
  },
];
