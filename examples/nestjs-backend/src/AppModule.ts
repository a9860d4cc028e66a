import { Module, type DynamicModule } from '@nestjs/common';
import type { AsyncEventLog, EventLog, MomoClient } from '@paysocket/server';
import { AccessTokens } from './AccessTokens.js';
import { AuthController } from './AuthController.js';
import type { BackendConfig } from './config.js';
import { MetricsController } from './MetricsController.js';
import { NotificationGateway } from './NotificationGateway.js';
import { PaymentController } from './PaymentController.js';
import { PaymentService } from './PaymentService.js';
import type { PaymentStore } from './PaymentStore.js';
import type { ServerAddress } from './ServerAddress.js';
import { SessionGuard } from './SessionGuard.js';
import {
  ACCESS_TOKENS,
  CONFIG,
  EVENT_LOG,
  MOMO_CLIENT,
  NOTIFICATION_GATEWAY,
  PAYMENT_SERVICE,
  PAYMENT_STORE,
  SERVER_ADDRESS,
} from './tokens.js';
import { WalletController } from './WalletController.js';

/** What `main.ts` opens before Nest starts (they need `await`, or outlive the app's own hooks). */
export interface AppResources {
  config: BackendConfig;
  store: PaymentStore;
  eventLog: EventLog | AsyncEventLog;
  momo: MomoClient;
  address: ServerAddress;
}

@Module({})
export class AppModule {
  static forRoot(resources: AppResources): DynamicModule {
    return {
      module: AppModule,
      controllers: [AuthController, WalletController, PaymentController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: resources.config },
        { provide: PAYMENT_STORE, useValue: resources.store },
        { provide: EVENT_LOG, useValue: resources.eventLog },
        { provide: MOMO_CLIENT, useValue: resources.momo },
        { provide: SERVER_ADDRESS, useValue: resources.address },
        { provide: ACCESS_TOKENS, useClass: AccessTokens },
        NotificationGateway,
        { provide: NOTIFICATION_GATEWAY, useExisting: NotificationGateway },
        { provide: PAYMENT_SERVICE, useClass: PaymentService },
        SessionGuard,
      ],
    };
  }
}
