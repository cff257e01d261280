import type { EmulatorReply } from '../handlers/handler.types.js';
import type { OperonEmulatorFault } from './fault.types.js';

/**
 * A fault that only delays a request or adds headers to its normal answer.
 * @internal
 */
export function isPassThrough(fault: OperonEmulatorFault): boolean {
  return (
    fault.status === undefined &&
    fault.body === undefined &&
    !fault.reset &&
    !fault.malformedJson &&
    !fault.emptyBody
  );
}

/**
 * The answer a fault replaces the normal one with.
 * @internal
 */
export function faultReply(fault: OperonEmulatorFault): EmulatorReply {
  const headers = fault.headers ?? {};
  if (fault.malformedJson) {
    return { status: fault.status ?? 200, text: '{"data": [{"id": ', headers };
  }
  if (fault.emptyBody) {
    return { status: fault.status ?? 200, text: '', headers };
  }
  const status = fault.status ?? 500;
  if (typeof fault.body === 'string') {
    return {
      status,
      text: fault.body,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
    };
  }
  const body = fault.body ?? {
    code: 'EMULATED_FAULT',
    message: `fault injected by the Operon emulator (status ${status})`,
  };

  return { status, body, headers };
}
