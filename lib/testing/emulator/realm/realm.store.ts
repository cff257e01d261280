import {
  buildApp,
  buildInteraction,
  buildParticipant,
  buildWorkstream,
  type RealmStamp,
  type StoredParticipant,
} from './realm.factory.js';
import type {
  OperonEmulatorApp,
  OperonEmulatorAppInput,
  OperonEmulatorInteraction,
  OperonEmulatorInteractionInput,
  OperonEmulatorParticipant,
  OperonEmulatorParticipantInput,
  OperonEmulatorRealm,
  OperonEmulatorWorkstream,
  OperonEmulatorWorkstreamInput,
} from './realm.types.js';

function fail(message: string): never {
  throw new Error(`OperonEmulator: ${message}`);
}

/**
 * The emulator's data: workstreams, participants (with private keys),
 * interactions and apps. Public methods hand out copies; the `find*`
 * methods return live records for the request handlers.
 * @internal
 */
export class RealmStore implements OperonEmulatorRealm {
  defaultWorkstreamId = '';
  defaultAppId = '';
  private readonly workstreamMap = new Map<string, OperonEmulatorWorkstream>();
  private readonly participantMap = new Map<string, StoredParticipant>();
  private readonly didMap = new Map<string, StoredParticipant>();
  private readonly interactionMap = new Map<
    string,
    OperonEmulatorInteraction
  >();
  private readonly appMap = new Map<string, OperonEmulatorApp>();
  private readonly clientMap = new Map<string, OperonEmulatorApp>();

  constructor(
    readonly customerId: string,
    readonly workspaceId: string,
    readonly orgId: string,
  ) {}

  get defaultApp(): OperonEmulatorApp {
    return structuredClone(this.findApp(this.defaultAppId) ?? fail('no app'));
  }

  addWorkstream(input: OperonEmulatorWorkstreamInput = {}) {
    const workstream = buildWorkstream(input, this.stamp());
    if (this.workstreamMap.has(workstream.id)) {
      fail(`workstream ${workstream.id} already exists`);
    }
    this.workstreamMap.set(workstream.id, workstream);
    this.defaultWorkstreamId ||= workstream.id;

    return structuredClone(workstream);
  }

  addParticipant(input: OperonEmulatorParticipantInput = {}) {
    const workstreamIds = input.workstreamIds ?? [
      input.workstreamId ?? this.defaultWorkstreamId,
    ];
    for (const id of workstreamIds) {
      this.requireWorkstream(id);
    }
    const stored = buildParticipant(input, workstreamIds, this.stamp());
    const { id, did } = stored.data;
    if (!did.startsWith('did:')) {
      fail(`participant DID ${did} must start with "did:"`);
    }
    if (this.participantMap.has(id) || this.didMap.has(did)) {
      fail(`participant ${id} (${did}) already exists`);
    }
    this.participantMap.set(id, stored);
    this.didMap.set(did, stored);

    return structuredClone(stored.data);
  }

  addInteraction(input: OperonEmulatorInteractionInput) {
    const source = this.requireParticipant(input.sourceParticipantId);
    const target = this.requireParticipant(input.targetParticipantId);
    const workstream = this.requireWorkstream(
      input.workstreamId ?? source.workstreamIds[0] ?? '',
    );
    for (const member of [source, target]) {
      if (!member.workstreamIds.includes(workstream.id)) {
        fail(`participant ${member.id} is not in workstream ${workstream.id}`);
      }
    }
    const interaction = buildInteraction(
      input,
      source,
      target,
      workstream,
      this.stamp().now,
    );
    if (this.interactionMap.has(interaction.id)) {
      fail(`interaction ${interaction.id} already exists`);
    }
    this.interactionMap.set(interaction.id, interaction);
    workstream.interactionIds.push(interaction.id);

    return structuredClone(interaction);
  }

  addApp(input: OperonEmulatorAppInput) {
    const participant = this.requireParticipant(input.participantId);
    const workstreamId =
      input.workstreamId ?? participant.workstreamIds[0] ?? '';
    this.requireWorkstream(workstreamId);
    if (!participant.workstreamIds.includes(workstreamId)) {
      fail(
        `participant ${participant.id} is not in workstream ${workstreamId}`,
      );
    }
    const app = buildApp(input, participant, workstreamId);
    if (this.findApp(app.clientId) || this.findApp(app.id)) {
      fail(`app ${app.id} (${app.clientId}) already exists`);
    }
    this.appMap.set(app.id, app);
    this.clientMap.set(app.clientId, app);
    this.defaultAppId ||= app.id;

    return structuredClone(app);
  }

  workstream(id = this.defaultWorkstreamId) {
    return structuredClone(this.workstreamMap.get(id));
  }

  workstreams() {
    return structuredClone([...this.workstreamMap.values()]);
  }

  participant(idOrDid: string) {
    return structuredClone(this.findParticipant(idOrDid)?.data);
  }

  participants(workstreamId?: string) {
    return structuredClone(this.participantsIn(workstreamId));
  }

  interaction(id: string) {
    return structuredClone(this.interactionMap.get(id));
  }

  interactions(workstreamId?: string) {
    return structuredClone(this.interactionsIn(workstreamId));
  }

  app(id: string) {
    return structuredClone(this.findApp(id));
  }

  apps() {
    return structuredClone([...this.appMap.values()]);
  }

  /** Live lookup by participant ID or DID. */
  findParticipant(idOrDid: string): StoredParticipant | undefined {
    return this.participantMap.get(idOrDid) ?? this.didMap.get(idOrDid);
  }

  /** Live lookup by DID only, as the DID endpoints need. */
  findByDid(did: string): StoredParticipant | undefined {
    return this.didMap.get(did);
  }

  findWorkstream(id: string): OperonEmulatorWorkstream | undefined {
    return this.workstreamMap.get(id);
  }

  findInteraction(id: string): OperonEmulatorInteraction | undefined {
    return this.interactionMap.get(id);
  }

  /** Live lookup by app ID or client ID. */
  findApp(id: string): OperonEmulatorApp | undefined {
    return this.appMap.get(id) ?? this.clientMap.get(id);
  }

  participantsIn(workstreamId?: string): OperonEmulatorParticipant[] {
    const all = [...this.participantMap.values()].map(({ data }) => data);

    return workstreamId === undefined
      ? all
      : all.filter((p) => p.workstreamIds.includes(workstreamId));
  }

  interactionsIn(workstreamId?: string): OperonEmulatorInteraction[] {
    const all = [...this.interactionMap.values()];

    return workstreamId === undefined
      ? all
      : all.filter((i) => i.workstreamId === workstreamId);
  }

  private requireWorkstream(id: string): OperonEmulatorWorkstream {
    return this.workstreamMap.get(id) ?? fail(`unknown workstream ${id}`);
  }

  private requireParticipant(idOrDid: string): OperonEmulatorParticipant {
    return (
      this.findParticipant(idOrDid)?.data ??
      fail(`unknown participant ${idOrDid}`)
    );
  }

  private stamp(): RealmStamp {
    return {
      customerId: this.customerId,
      workspaceId: this.workspaceId,
      now: new Date().toISOString(),
    };
  }
}
