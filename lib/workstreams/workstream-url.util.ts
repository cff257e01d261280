import { OperonValidationError } from '../errors/operon-validation.error.js';
import { firstNonBlank, segment } from '../utils/strings.util.js';

/**
 * The URL of a workstream or of one of its lists (PROTOCOL §3.6–3.8): the
 * workstream given when not blank, else the one the token is scoped to.
 * Shared by the module-token and PAT paths so both refuse alike.
 * @throws {OperonValidationError} when neither names a workstream.
 * @internal
 */
export function workstreamUrl(
  baseUrl: string,
  override: string | undefined,
  tokenWorkstreamId: string | undefined,
  suffix: string,
): string {
  const id = firstNonBlank(override, tokenWorkstreamId);
  if (!id) {
    throw new OperonValidationError(
      'workstream ID is required: token not scoped to a workstream and ' +
        'no override provided',
    );
  }
  return `${baseUrl}/v1/workstreams/${segment(id)}${suffix}`;
}
