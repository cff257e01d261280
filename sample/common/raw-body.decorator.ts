import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The request body exactly as received, before JSON parsing: Express and
 * Fastify keep it as `req.rawBody` when the app is created with
 * `rawBody: true`. `undefined` when there was no body to parse.
 */
export const RawBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Buffer | undefined =>
    context.switchToHttp().getRequest<{ rawBody?: Buffer }>().rawBody,
);
