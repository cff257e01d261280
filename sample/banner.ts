import type { OperonEmulator } from 'nestjs-operon/testing';

const ORDER = '{"orderId":"ord-1001","amount":42.5,"customer":"ACME Corp"}';
const EVENT = '{"event":"order.shipped","orderId":"ord-1001"}';

/**
 * What to print once the app listens: where it is, which Operon it talks
 * to and a command to try for each route.
 */
export function banner(url: string, emulator?: OperonEmulator): string {
  const json = "-H 'content-type: application/json'";
  const pat = emulator ? emulator.issuePat() : '$OPERON_PAT';
  return [
    `nestjs-operon sample listening on ${url}`,
    emulator
      ? `Operon: embedded emulator at ${emulator.baseUrl} ` +
        '(no OPERON_CLIENT_ID set)'
      : `Operon: ${process.env.OPERON_BASE_URL || 'Operon.Cloud'} ` +
        `as client ${process.env.OPERON_CLIENT_ID}`,
    '',
    'Try it:',
    `  curl -i -X POST ${url}/orders ${json} -d '${ORDER}'`,
    `  curl -s ${url}/workstream`,
    `  curl -s -X POST ${url}/outbound ${json} -d '${EVENT}'`,
    `  curl -s ${url}/me -H 'authorization: Bearer ${pat}'`,
    emulator
      ? '  (that PAT was issued by the embedded emulator)'
      : '  (OPERON_PAT: a PAT from Operon.Cloud, e.g. the access token of ' +
        'a signed-in session)',
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}
