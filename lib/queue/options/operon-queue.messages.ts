/** @internal */
export const queueMessages = {
  notObject: (got: string) =>
    `OperonQueueModule: options must be an object, got ${got}. Pass them ` +
    'to OperonQueueModule.forRoot({...}) or return them from the ' +
    'forRootAsync() factory.',
  noConnection: (configKey?: string) =>
    'OperonQueueModule: options.connection is required: ioredis options ' +
    "such as { host: 'localhost', port: 6379 } or an ioredis instance; " +
    'or register the connection with BullModule.forRoot(' +
    (configKey ? `'${configKey}', ` : '') +
    '{ connection }) from @nestjs/bullmq' +
    (configKey ? ` (options.configKey is '${configKey}').` : '.'),
  blankConfigKey: (got: string) =>
    'OperonQueueModule: options.configKey must be a non-blank string (a ' +
    `BullModule.forRoot() configuration key), got ${got}.`,
  badQueueName: (got: string) =>
    'OperonQueueModule: options.queueName must be a non-blank string ' +
    `without ":", got ${got}.`,
  notString: (option: string, got: string) =>
    `OperonQueueModule: options.${option} must be a string, got ${got}.`,
  notBoolean: (option: string, got: string) =>
    `OperonQueueModule: options.${option} must be a boolean, got ${got}.`,
  notPositiveInteger: (option: string, got: string) =>
    `OperonQueueModule: options.${option} must be a positive integer ` +
    `(a number or a numeric string), got ${got}.`,
  badLimiter: (got: string) =>
    'OperonQueueModule: options.limiter must be { max, duration } with ' +
    `positive integers (jobs per milliseconds), got ${got}.`,
  badBackoff: (got: string) =>
    'OperonQueueModule: options.backoff must be a delay in milliseconds or ' +
    "{ type: 'exponential' | 'fixed', delay, jitter? } with a positive " +
    `delay and a jitter between 0 and 1, got ${got}.`,
  badRetention: (option: string, got: string) =>
    `OperonQueueModule: options.${option} must be a boolean, a count or ` +
    `{ age?, count? } with non-negative integers, got ${got}.`,
  badLogger: (got: string) =>
    'OperonQueueModule: options.logger must be a LoggerService or false, ' +
    `got ${got}.`,
  noTransactionsService: () =>
    'OperonQueueModule: TransactionsService was not found. Import ' +
    'OperonModule.forRoot({...}) (or forRootAsync) in the application; ' +
    'the queue submits through it.',
};
