import { Body, Controller, Post } from '@nestjs/common';
import { RawBody } from '../common/raw-body.decorator.js';
import { type OrderReceipt, parseOrder } from './order.dto.js';
import { OrdersService } from './orders.service.js';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** `201 { id, status }` once Operon has recorded the order. */
  @Post()
  create(
    @Body() body: unknown,
    @RawBody() raw: Buffer | undefined,
  ): Promise<OrderReceipt> {
    const order = parseOrder(body);
    // The hash covers the exact bytes the client sent, so anyone holding
    // the original JSON can check it against the transaction.
    const bytes = raw ?? Buffer.from(JSON.stringify(body));
    return this.orders.submit(order, bytes);
  }
}
