export { OperonError } from './operon.error.js';
export { OperonConfigurationError } from './operon-configuration.error.js';
export { OperonValidationError } from './operon-validation.error.js';
export { OperonApiError } from './operon-api.error.js';
export type { OperonApiErrorInit } from './operon-api.error.js';
export { OperonTransportError } from './operon-transport.error.js';
export type { OperonTransportErrorInit } from './operon-transport.error.js';
export { OperonDecodeError } from './operon-decode.error.js';
export { describeError } from './describe-error.util.js';
