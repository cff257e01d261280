import {
  Inject,
  Injectable,
  InternalServerErrorException,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { OperonAuthService, TransactionsService } from 'nestjs-operon';
import { sampleConfig } from '../operon.config.js';
import type { Order, OrderReceipt } from './order.dto.js';

const SOURCE = 'sample-shop';

@Injectable()
export class OrdersService {
  constructor(
    private readonly transactions: TransactionsService,
    private readonly auth: OperonAuthService,
    @Inject(sampleConfig.KEY)
    private readonly settings: ConfigType<typeof sampleConfig>,
  ) {}

  /**
   * Records the order in Operon. Only the SHA-256 hash of `bytes` leaves
   * the app, signed with the participant's key held by Operon.
   */
  async submit(order: Order, bytes: Uint8Array): Promise<OrderReceipt> {
    const transaction = await this.transactions.submitTransaction({
      // Idempotency key: sending the same order twice records it once.
      correlationId: `order-${order.orderId}`,
      interactionId: await this.orderInteraction(),
      workstreamId: this.settings.workstreamId,
      payload: bytes,
      label: `Order ${order.orderId}`,
      tags: ['sample', 'order'],
      // Who placed the order, and who has to act on it next.
      actorExternalId: slug(order.customer),
      actorExternalDisplayName: order.customer,
      actorExternalSource: SOURCE,
      assigneeExternalId: 'team-fulfilment',
      assigneeExternalDisplayName: 'Fulfilment team',
      assigneeExternalSource: SOURCE,
    });
    return { id: transaction.id, status: transaction.status };
  }

  // OPERON_INTERACTION_ID, else the first catalogued interaction that our
  // own participant (the token's DID) is the source of.
  private async orderInteraction(): Promise<string> {
    if (this.settings.interactionId) return this.settings.interactionId;
    const { claims } = await this.auth.getToken();
    const interactions = await this.transactions.interactions();
    const ours = interactions.find(
      (interaction) =>
        interaction.sourceDid === claims.participantDid &&
        (!this.settings.workstreamId ||
          interaction.workstreamId === this.settings.workstreamId),
    );
    if (!ours) {
      throw new InternalServerErrorException(
        `no interaction starts at ${claims.participantDid ?? 'our DID'}: ` +
          'set OPERON_INTERACTION_ID',
      );
    }
    return ours.id;
  }
}

function slug(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return id.replace(/^-|-$/g, '') || 'customer';
}
