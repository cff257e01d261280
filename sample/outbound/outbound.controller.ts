import {
  BadRequestException,
  Controller,
  HttpCode,
  Post,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { SignatureService } from 'nestjs-operon';
import { RawBody } from '../common/raw-body.decorator.js';

/** What the webhook answered to the signed request. */
export interface WebhookAnswer {
  status: number;
  body: unknown;
}

@Controller('outbound')
export class OutboundController {
  constructor(
    private readonly signatures: SignatureService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * Signs the body and sends it to this app's own webhook, as a partner
   * would send it to yours.
   */
  @Post()
  @HttpCode(200)
  async send(@RawBody() body: Buffer | undefined): Promise<WebhookAnswer> {
    if (!body?.length) {
      throw new BadRequestException(
        'send a JSON body with Content-Type: application/json',
      );
    }
    // The signature covers these exact bytes: send them unchanged.
    const headers = await this.signatures.generateSignatureHeaders(body);
    const res = await fetch(`${this.ownUrl()}/webhooks/operon`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: parseJson(text) };
  }

  private ownUrl(): string {
    const server = this.adapterHost.httpAdapter.getHttpServer();
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
