/**
 * Injection tokens. Every constructor parameter names its token with `@Inject(...)`, so
 * the app needs no `emitDecoratorMetadata` and runs the same from source (tsx, esbuild)
 * as from tsc's output.
 */
export const CONFIG = Symbol('BackendConfig');
export const PAYMENT_STORE = Symbol('PaymentStore');
export const EVENT_LOG = Symbol('EventLog');
export const MOMO_CLIENT = Symbol('MomoClient');
export const NOTIFICATION_GATEWAY = Symbol('NotificationGateway');
export const PAYMENT_SERVICE = Symbol('PaymentService');
export const ACCESS_TOKENS = Symbol('AccessTokens');
export const SERVER_ADDRESS = Symbol('ServerAddress');
