/** @internal */
export const optionsMessages = {
  notObject: (got: string) =>
    `OperonModule: options must be an object, got ${got}. ` +
    'Pass them to OperonModule.forRoot({...}) or return them from the ' +
    'forRootAsync() factory.',
  invalidUrl: (option: string, value: string) =>
    `OperonModule: options.${option} must be an absolute http(s) URL, ` +
    `got "${value}".`,
  notString: (option: string, got: string) =>
    `OperonModule: options.${option} must be a string, got ${got}.`,
  notNumber: (option: string, value: string) =>
    `OperonModule: options.${option} must be a finite number or a numeric ` +
    `string, got ${value}.`,
  tooLarge: (option: string, value: number, max: number) =>
    `OperonModule: options.${option} must be at most ${max}, got ${value}. ` +
    'Node timers cannot wait longer (about 24.8 days).',
  notPositive: (option: string, value: number) =>
    `OperonModule: options.${option} must be greater than 0, got ${value}.`,
  negative: (option: string, value: number) =>
    `OperonModule: options.${option} cannot be negative, got ${value}. ` +
    'Use 0 to disable it.',
  notBoolean: (option: string, got: string) =>
    `OperonModule: options.${option} must be true or false, got ${got}.`,
  missingCredential: (option: string) =>
    `OperonModule: options.${option} is required. Set clientId and ` +
    'clientSecret, or pass a tokenProvider instead.',
  providerWithCredentials: () =>
    'OperonModule: options.tokenProvider cannot be used with clientId or ' +
    'clientSecret. Remove the credentials or the provider.',
  badProvider: () =>
    'OperonModule: options.tokenProvider must be an object with a ' +
    'getToken() method, a class, or an injection token.',
  unsupportedAlgorithm: (value: string) =>
    `OperonModule: unsupported options.signingAlgorithm "${value}". ` +
    'Use EdDSA, ES256 or ES256K.',
  badVerification: (value: string) =>
    `OperonModule: options.verification must be "remote" or "local", ` +
    `got "${value}".`,
  badList: (option: string) =>
    `OperonModule: options.${option} must be an array of strings.`,
  badRetry: () =>
    'OperonModule: options.retry must be false or an object such as ' +
    '{ retries: 2, minDelayMs: 100, maxDelayMs: 2000 }.',
  badLogger: () =>
    'OperonModule: options.logger must be false or a LoggerService ' +
    '(an object with log, error and warn methods).',
};
