import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { OperonModule, type OperonModuleOptions } from 'nestjs-operon';
import { OperonErrorFilter } from './common/operon-error.filter.js';
import { MeController } from './me/me.controller.js';
import { operonConfig, sampleConfig } from './operon.config.js';
import { OrdersModule } from './orders/orders.module.js';
import { OutboundController } from './outbound/outbound.controller.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { WorkstreamController } from './workstream/workstream.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      load: [operonConfig, sampleConfig],
    }),
    // The session heartbeat runs on @nestjs/schedule when it is enabled.
    ScheduleModule.forRoot(),
    OperonModule.forRootAsync({
      // Every module can inject the Operon services and use the guards.
      isGlobal: true,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        config.getOrThrow<OperonModuleOptions>('operon'),
    }),
    OrdersModule,
  ],
  controllers: [
    WorkstreamController,
    OutboundController,
    WebhooksController,
    MeController,
  ],
  providers: [{ provide: APP_FILTER, useClass: OperonErrorFilter }],
})
export class AppModule {}
