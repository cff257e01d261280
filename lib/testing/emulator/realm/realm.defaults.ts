import type { RealmStore } from './realm.store.js';

/**
 * IDs of the default realm, stable across runs so tests and docs can name
 * them.
 * @publicApi
 */
export const OPERON_EMULATOR_DEFAULTS = {
  customerId: 'cust-emulator',
  workspaceId: 'wksp-emulator',
  orgId: 'org-emulator',
  workstreamId: 'wstr-emulator-orders',
  clientId: 'm2mc-emulator',
  clientSecret: 'emulator-secret',
  participants: {
    supplier: 'did:operon:emulator-supplier',
    buyer: 'did:operon:emulator-buyer',
    carrier: 'did:operon:emulator-carrier',
  },
} as const;

/**
 * Fills an empty store with the default realm: one workstream with five
 * states, three participants, one interaction per type and the default app,
 * bound to the supplier (the source of the first interaction).
 * @internal
 */
export function seedDefaultRealm(
  store: RealmStore,
  credentials: { clientId: string; clientSecret: string },
): void {
  const ids = OPERON_EMULATOR_DEFAULTS;
  store.addWorkstream({
    id: ids.workstreamId,
    name: 'Orders',
    description: 'Order to delivery, seeded by the Operon emulator',
  });
  const participant = (key: keyof typeof ids.participants, name: string) =>
    store.addParticipant({
      id: `prtp-emulator-${key}`,
      did: ids.participants[key],
      name,
      description: `${name} (emulator)`,
      url: `https://${key}.example.com`,
      tags: [key],
    });
  const supplier = participant('supplier', 'Supplier Co');
  const buyer = participant('buyer', 'Buyer Inc');
  const carrier = participant('carrier', 'Carrier Ltd');
  seedInteractions(store, supplier.id, buyer.id, carrier.id);
  store.addApp({
    id: 'app-emulator',
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    participantId: supplier.id,
    name: 'Emulator app',
    email: 'emulator-app@operon.local',
  });
}

function seedInteractions(
  store: RealmStore,
  supplier: string,
  buyer: string,
  carrier: string,
): void {
  store.addInteraction({
    id: 'intr-emulator-invoice',
    name: 'Invoice',
    sourceParticipantId: supplier,
    targetParticipantId: buyer,
    type: 'transition',
    actor: 'non-ai',
    states: ['New', 'Delivered'],
    roiClassification: 'increment',
    roiCost: 12,
    roiTime: 300,
  });
  store.addInteraction({
    id: 'intr-emulator-handover',
    name: 'Hand over to carrier',
    sourceParticipantId: supplier,
    targetParticipantId: carrier,
    type: 'movement',
    actor: 'ai',
    states: ['Packed', 'Shipped'],
    fromStateId: 'state-packed',
    toStateId: 'state-shipped',
    roiClassification: 'savings',
    roiCost: 5,
    roiTime: 120,
  });
  store.addInteraction({
    id: 'intr-emulator-order',
    name: 'Place order',
    sourceParticipantId: buyer,
    targetParticipantId: supplier,
    type: 'touch',
    actor: 'human',
    states: ['New'],
    roiClassification: 'baseline',
    roiCost: 20,
    roiTime: 600,
  });
  store.addInteraction({
    id: 'intr-emulator-delivery',
    name: 'Deliver',
    sourceParticipantId: carrier,
    targetParticipantId: buyer,
    type: 'transfer',
    actor: 'hybrid',
    states: ['Shipped', 'Delivered'],
  });
}
