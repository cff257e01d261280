import type { GuardRow } from '../phases/guards.phase.js';
import type { RssResult } from '../phases/rss.phase.js';
import type { SingleFlightResult } from '../phases/single-flight.phase.js';
import type { SubmissionRow } from '../phases/submission.phase.js';
import type { TargetCheck } from './targets.util.js';

/** Everything one bench run measured, as written to `results.json`. */
export interface BenchResults {
  meta: Record<string, unknown>;
  submission: SubmissionRow[];
  guards: GuardRow[];
  singleFlight?: SingleFlightResult;
  rss?: RssResult;
  /** Further ratios of the run, for information (no target). */
  ratios: { name: string; value: number | undefined }[];
  targets: TargetCheck[];
}

const fixed = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

/** The tables and the PASS/FAIL lines, as printed text. */
export function formatReport(results: BenchResults): string {
  const lines: string[] = [];
  const table = (headers: string[], rows: string[][]) => {
    const widths = headers.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => r[i]!.length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) =>
          i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
        )
        .join('  ');
    lines.push(line(headers), widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows) lines.push(line(row));
    lines.push('');
  };

  lines.push('Transaction submission (sign + submit per transaction)');
  table(
    ['client', 'conc.', 'tx/s', 'p50 ms', 'p99 ms', 'tx', 'errors'],
    results.submission.map((r) => [
      r.client,
      String(r.concurrency),
      fixed(r.opsPerSec),
      fixed(r.p50Ms, 2),
      fixed(r.p99Ms, 2),
      String(r.ops),
      String(r.errors),
    ]),
  );
  lines.push('Guarded endpoint (autocannon)');
  table(
    ['row', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'failures'],
    results.guards.map((g) => [
      g.name,
      fixed(g.requestsPerSec),
      fixed(g.p50Ms, 2),
      fixed(g.p99Ms, 2),
      String(g.requests),
      String(g.failures),
    ]),
  );
  const sf = results.singleFlight;
  if (sf) {
    lines.push(
      `Token single flight: ${sf.calls} cold concurrent getToken() calls → ` +
        `${sf.tokenRequests} token request(s), ${sf.distinctTokens} ` +
        `distinct token(s), ${fixed(sf.durationMs, 1)} ms`,
      '',
    );
  }
  const rss = results.rss;
  if (rss) {
    lines.push(
      `RSS over ${rss.submissions} submissions (${rss.errors} errors, ` +
        `${fixed(rss.durationMs / 1000, 1)} s): ${fixed(rss.rssBeforeMb, 1)} → ` +
        `${fixed(rss.rssAfterMb, 1)} MB (growth ${fixed(rss.rssGrowthMb, 1)} ` +
        `MB, heap ${fixed(rss.heapGrowthMb, 1)} MB)`,
      '',
    );
  }
  if (results.ratios.length > 0) {
    lines.push('Other ratios (information)');
    for (const r of results.ratios) {
      lines.push(`  ${r.name}: ${fixed(r.value ?? Number.NaN, 2)}×`);
    }
    lines.push('');
  }
  lines.push('Targets');
  for (const t of results.targets) {
    lines.push(
      `  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${fixed(t.value, 2)}${t.unit}` +
        ` (target ${t.comparison} ${t.threshold}${t.unit})`,
    );
  }
  return lines.join('\n');
}
