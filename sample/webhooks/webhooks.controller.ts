import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  OperonSignature,
  OperonSignatureGuard,
  type OperonVerifiedSignature,
} from 'nestjs-operon';

/** What the webhook answers to a request it accepted. */
export interface WebhookReceipt {
  received: true;
  from: string;
  payloadHash: string;
}

@Controller('webhooks')
export class WebhooksController {
  /**
   * Reached only with a valid Operon signature over the exact raw body
   * (401 otherwise); the app must be created with `rawBody: true`. The
   * parsed body is there as usual (`@Body()`).
   */
  @Post('operon')
  @HttpCode(200)
  @UseGuards(OperonSignatureGuard)
  receive(
    @OperonSignature() signature: OperonVerifiedSignature,
  ): WebhookReceipt {
    return {
      received: true,
      from: signature.senderDid,
      payloadHash: signature.payloadHash,
    };
  }
}
