import { OperonConfigurationError } from '../../errors/operon-configuration.error.js';
import {
  DEFAULT_OPERON_QUEUE_ATTEMPTS,
  DEFAULT_OPERON_QUEUE_BACKOFF_MS,
  DEFAULT_OPERON_QUEUE_CONCURRENCY,
  DEFAULT_OPERON_QUEUE_NAME,
} from '../operon-queue.constants.js';
import { queueMessages as msg } from './operon-queue.messages.js';
import type {
  OperonQueueBackoff,
  OperonQueueModuleOptions,
  OperonQueueRetention,
} from './operon-queue-options.interface.js';
import type { ResolvedOperonQueueOptions } from './resolved-queue-options.interface.js';

type Raw = Record<string, unknown>;

/**
 * The members of a `@nestjs/bullmq` shared configuration
 * (`BullModule.forRoot()`) that the queue takes when its own options have
 * no `connection`.
 * @internal
 */
export interface SharedBullConfig {
  connection?: unknown;
  prefix?: unknown;
}

/**
 * The provider token under which `@nestjs/bullmq` (10 to 12) registers the
 * shared configuration of `BullModule.forRoot([configKey,] config)`. Built
 * here rather than imported, so the package stays an optional peer.
 * @internal
 */
export function sharedBullConfigToken(configKey?: string): string {
  return `BULLMQ_CONFIG(${configKey ?? 'default'})`;
}

/**
 * The shared configuration found for the module, if any, and the key it
 * was looked up under.
 * @internal
 */
export interface SharedBullConfigRef {
  configKey?: string;
  config?: SharedBullConfig;
}

/**
 * Validates the queue options and applies the defaults. Runs when the
 * module's providers are built, so a bad configuration fails the boot.
 * Without `options.connection`, the connection (and, when `prefix` is not
 * set, the prefix) come from the `@nestjs/bullmq` shared configuration.
 * @throws {OperonConfigurationError | TypeError} naming the option.
 * @internal
 */
export function resolveQueueOptions(
  options: OperonQueueModuleOptions | undefined,
  shared: SharedBullConfigRef = {},
): ResolvedOperonQueueOptions {
  const { raw, settings } = checkQueueOptions(options);
  const source =
    raw.connection === undefined || raw.connection === null
      ? (shared.config ?? {})
      : { connection: raw.connection };
  const { connection } = source;
  if (typeof connection !== 'object' || connection === null) {
    throw new OperonConfigurationError(msg.noConnection(shared.configKey));
  }
  return {
    ...settings,
    connection: connection as ResolvedOperonQueueOptions['connection'],
    prefix: readPrefix(raw.prefix ?? source.prefix),
  };
}

/**
 * Validates every option that does not depend on the shared
 * `@nestjs/bullmq` configuration (`connection` only when given), so that
 * `forRoot()` can fail when it is called; returns the options as given
 * and the settings read from them, defaults applied.
 * @throws {OperonConfigurationError | TypeError} naming the option.
 * @internal
 */
export function checkQueueOptions(
  options: OperonQueueModuleOptions | undefined,
): { raw: Raw; settings: Settings } {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(msg.notObject(describe(options)));
  }
  const raw = options as unknown as Raw;
  const { connection } = raw;
  const given = connection !== undefined && connection !== null;
  if (given && typeof connection !== 'object') {
    throw new OperonConfigurationError(msg.noConnection());
  }
  return { raw, settings: readSettings(raw) };
}

type Settings = Omit<ResolvedOperonQueueOptions, 'connection'>;

function readSettings(raw: Raw): Settings {
  return {
    queueName: readQueueName(raw.queueName),
    prefix: readPrefix(raw.prefix),
    runWorkers: readBoolean(raw, 'runWorkers', true),
    concurrency: readCount(
      raw,
      'concurrency',
      DEFAULT_OPERON_QUEUE_CONCURRENCY,
    ),
    limiter: readLimiter(raw.limiter),
    attempts: readCount(raw, 'attempts', DEFAULT_OPERON_QUEUE_ATTEMPTS),
    backoff: readBackoff(raw.backoff),
    removeOnComplete: readRetention(raw, 'removeOnComplete', {
      age: 86_400,
      count: 10_000,
    }),
    removeOnFail: readRetention(raw, 'removeOnFail', false),
    lockDurationMs: readCount(raw, 'lockDurationMs', 30_000),
    stalledIntervalMs: readCount(raw, 'stalledIntervalMs', 30_000),
    maxStalledCount: readCount(raw, 'maxStalledCount', 3),
    logger: readLogger(raw.logger),
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'object') return typeof value;
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return 'an object';
  }
}

function readQueueName(value: unknown): string {
  if (value === undefined || value === null) return DEFAULT_OPERON_QUEUE_NAME;
  const name = typeof value === 'string' ? value.trim() : '';
  if (!name || name.includes(':')) {
    throw new OperonConfigurationError(msg.badQueueName(describe(value)));
  }
  return name;
}

/**
 * The `configKey` extra, trimmed; `undefined` for the default one.
 * @throws {TypeError} when it is not a non-blank string.
 * @internal
 */
export function readConfigKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const key = typeof value === 'string' ? value.trim() : '';
  if (!key) throw new TypeError(msg.blankConfigKey(describe(value)));
  return key;
}

function readPrefix(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new TypeError(msg.notString('prefix', describe(value)));
  }
  return value.trim() || undefined;
}

function readBoolean(raw: Raw, key: string, fallback: boolean): boolean {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new TypeError(msg.notBoolean(key, describe(value)));
}

// Environment variables arrive as strings, so numeric strings are accepted.
function toCount(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof parsed === 'number' &&
    Number.isSafeInteger(parsed) &&
    parsed > 0
    ? parsed
    : undefined;
}

function readCount(raw: Raw, key: string, fallback: number): number {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return fallback;
  const count = toCount(value);
  if (count === undefined) {
    throw new OperonConfigurationError(
      msg.notPositiveInteger(key, describe(value)),
    );
  }
  return count;
}

function readLimiter(value: unknown): ResolvedOperonQueueOptions['limiter'] {
  if (value === undefined || value === null) return undefined;
  const max = toCount((value as Raw).max);
  const duration = toCount((value as Raw).duration);
  if (max === undefined || duration === undefined) {
    throw new OperonConfigurationError(msg.badLimiter(describe(value)));
  }
  return { max, duration };
}

function readBackoff(value: unknown): OperonQueueBackoff {
  if (value === undefined || value === null) {
    return { type: 'exponential', delay: DEFAULT_OPERON_QUEUE_BACKOFF_MS };
  }
  const given = (typeof value === 'object' ? value : { delay: value }) as Raw;
  const type = given.type ?? 'exponential';
  const delay = toCount(given.delay);
  const jitter = given.jitter ?? 0;
  const jitterOk = typeof jitter === 'number' && jitter >= 0 && jitter <= 1;
  if ((type !== 'exponential' && type !== 'fixed') || !delay || !jitterOk) {
    throw new OperonConfigurationError(msg.badBackoff(describe(value)));
  }
  return jitter ? { type, delay, jitter } : { type, delay };
}

function readRetention(
  raw: Raw,
  key: string,
  fallback: OperonQueueRetention,
): OperonQueueRetention {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (isNonNegativeInteger(value)) return value;
  const { age, count } = (typeof value === 'object' ? value : {}) as Raw;
  const fieldsOk =
    (age === undefined || isNonNegativeInteger(age)) &&
    (count === undefined || isNonNegativeInteger(count)) &&
    (age !== undefined || count !== undefined);
  if (!fieldsOk) {
    throw new OperonConfigurationError(msg.badRetention(key, describe(value)));
  }
  return value as OperonQueueRetention;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function readLogger(value: unknown): ResolvedOperonQueueOptions['logger'] {
  if (value === undefined || value === null) return undefined;
  if (value === false) return false;
  const logger = value as Raw;
  if (typeof logger === 'object' && typeof logger.log === 'function') {
    return value as ResolvedOperonQueueOptions['logger'];
  }
  throw new TypeError(msg.badLogger(describe(value)));
}
