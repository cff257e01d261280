import type { GuardPlan } from './phases/guards.phase.js';
import type { SubmissionPlan } from './phases/submission.phase.js';
import type { RssPlan } from './support/rss.process.js';

/** Sizes and time bounds of every phase. */
export interface BenchPlan {
  submission: SubmissionPlan;
  guards: GuardPlan;
  singleFlightCalls: number;
  rss: RssPlan;
}

/**
 * The full run (about six minutes on 2 cores). Every loop is bounded by a
 * count and by time, so a slow machine shortens a phase instead of hanging.
 */
export const FULL_PLAN: BenchPlan = {
  submission: {
    concurrencies: [1, 16, 64],
    rounds: 3,
    maxOpsPerRun: 50_000,
    maxMsPerRun: 2_500,
    warmupOps: 500,
    warmupMs: 3_000,
  },
  guards: { rounds: 9, durationSec: 2, warmupSec: 1, connections: 16 },
  singleFlightCalls: 1_000,
  rss: { warmupOps: 5_000, ops: 100_000, concurrency: 16, maxMs: 180_000 },
};

/** `--quick`: a smoke run of every phase in well under a minute. */
export const QUICK_PLAN: BenchPlan = {
  submission: {
    concurrencies: [1, 16, 64],
    rounds: 1,
    maxOpsPerRun: 5_000,
    maxMsPerRun: 800,
    warmupOps: 100,
    warmupMs: 1_000,
  },
  guards: { rounds: 1, durationSec: 1, warmupSec: 1, connections: 16 },
  singleFlightCalls: 1_000,
  rss: { warmupOps: 500, ops: 5_000, concurrency: 16, maxMs: 30_000 },
};
