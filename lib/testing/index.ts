// Emulator
export { OperonEmulator } from './emulator/operon.emulator.js';
export { OPERON_EMULATOR_DEFAULTS } from './emulator/realm/realm.defaults.js';
export type {
  OperonEmulatorCredentials,
  OperonEmulatorOptions,
  OperonEmulatorPatOptions,
  OperonEmulatorSignature,
  OperonEmulatorSignInput,
} from './emulator/emulator.options.js';

// Tokens and keys
export type {
  OperonEmulatorClaims,
  OperonEmulatorTokenCheck,
} from './emulator/crypto/token.issuer.js';
export type { OperonEmulatorJwk } from './emulator/crypto/participant-keys.util.js';

// Realm
export type {
  OperonEmulatorApp,
  OperonEmulatorAppInput,
  OperonEmulatorInteraction,
  OperonEmulatorInteractionInput,
  OperonEmulatorInteractionType,
  OperonEmulatorKey,
  OperonEmulatorParticipant,
  OperonEmulatorParticipantInput,
  OperonEmulatorRealm,
  OperonEmulatorState,
  OperonEmulatorWorkstream,
  OperonEmulatorWorkstreamInput,
} from './emulator/realm/realm.types.js';
export type { OperonEmulatorTransaction } from './emulator/realm/transaction.store.js';

// Faults and request log
export type {
  OperonEmulatorFault,
  OperonEmulatorFaultHandle,
  OperonEmulatorFaults,
  OperonEmulatorRouteId,
} from './emulator/http/fault.types.js';
export type { OperonEmulatorRequestRecord } from './emulator/http/request.log.js';
