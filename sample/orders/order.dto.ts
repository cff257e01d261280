import { BadRequestException } from '@nestjs/common';

/** The body of `POST /orders`. */
export interface Order {
  orderId: string;
  amount: number;
  customer: string;
}

/** What `POST /orders` answers: the transaction Operon recorded. */
export interface OrderReceipt {
  id: string;
  status: string;
}

const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks the parsed JSON body. Bad input is the client's fault, so it is
 * a 400 naming the problem, never a 500.
 */
export function parseOrder(body: unknown): Order {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException(
      'send a JSON object with Content-Type: application/json, e.g. ' +
        '{"orderId":"ord-1","amount":42.5,"customer":"ACME"}',
    );
  }
  const { orderId, amount, customer } = body as Record<string, unknown>;
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) {
    throw new BadRequestException(
      'orderId must be a string of 1 to 64 letters, digits, "-" or "_"',
    );
  }
  if (typeof amount !== 'number' || !(amount > 0) || amount > 1e12) {
    throw new BadRequestException('amount must be a positive number');
  }
  if (typeof customer !== 'string' || !customer.trim()) {
    throw new BadRequestException('customer must be a non-blank string');
  }
  if (customer.length > 200) {
    throw new BadRequestException('customer must be at most 200 characters');
  }
  return { orderId, amount, customer: customer.trim() };
}
