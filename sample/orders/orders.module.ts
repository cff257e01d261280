import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

// No OperonModule import needed: it is registered with isGlobal.
@Module({
  controllers: [OrdersController],
  providers: [OrdersService],
})
export class OrdersModule {}
