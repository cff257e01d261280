// Each enumeration is a frozen object (for values) plus a same-named union
// type (for fields). Fields that Operon fills stay typed as `string` where
// the server may add values; these constants name the known ones.

/**
 * ROI classifications a transaction may carry (PROTOCOL §9). The client
 * accepts exactly these spellings, case-sensitively.
 * @publicApi
 */
export const RoiClassification = {
  Baseline: 'baseline',
  Increment: 'increment',
  Savings: 'savings',
} as const;
/** @publicApi */
export type RoiClassification =
  (typeof RoiClassification)[keyof typeof RoiClassification];

/**
 * Interaction types (PROTOCOL §9; `movement` since v1.4.0).
 * @publicApi
 */
export const InteractionType = {
  Touch: 'touch',
  Movement: 'movement',
  Transition: 'transition',
  Transfer: 'transfer',
} as const;
/** @publicApi */
export type InteractionType =
  (typeof InteractionType)[keyof typeof InteractionType];

/**
 * Who performs an interaction (PROTOCOL §9).
 * @publicApi
 */
export const InteractionActor = {
  Human: 'human',
  Ai: 'ai',
  Hybrid: 'hybrid',
  NonAi: 'non-ai',
} as const;
/** @publicApi */
export type InteractionActor =
  (typeof InteractionActor)[keyof typeof InteractionActor];

/**
 * Lifecycle status of a workstream (PROTOCOL §9).
 * @publicApi
 */
export const WorkstreamStatus = {
  Draft: 'draft',
  Active: 'active',
  Inactive: 'inactive',
  Archived: 'archived',
} as const;
/** @publicApi */
export type WorkstreamStatus =
  (typeof WorkstreamStatus)[keyof typeof WorkstreamStatus];

/**
 * Whether a workstream records transactions (PROTOCOL §9).
 * @publicApi
 */
export const WorkstreamMode = { On: 'on', Off: 'off' } as const;
/** @publicApi */
export type WorkstreamMode =
  (typeof WorkstreamMode)[keyof typeof WorkstreamMode];

/**
 * Kind of workstream (PROTOCOL §9).
 * @publicApi
 */
export const WorkstreamType = {
  Internal: 'internal',
  Production: 'production',
} as const;
/** @publicApi */
export type WorkstreamType =
  (typeof WorkstreamType)[keyof typeof WorkstreamType];

/**
 * Status of a workstream state (PROTOCOL §9, used by `activeStates()`).
 * @publicApi
 */
export const WorkstreamStateStatus = {
  Active: 'active',
  Inactive: 'inactive',
} as const;
/** @publicApi */
export type WorkstreamStateStatus =
  (typeof WorkstreamStateStatus)[keyof typeof WorkstreamStateStatus];

/**
 * Transaction statuses observed so far (PROTOCOL §9, §12.6); the server
 * may report others, so `Transaction.status` stays a `string`.
 * @publicApi
 */
export const TransactionStatus = {
  Received: 'received',
  Pending: 'PENDING',
} as const;
/** @publicApi */
export type TransactionStatus =
  (typeof TransactionStatus)[keyof typeof TransactionStatus];
