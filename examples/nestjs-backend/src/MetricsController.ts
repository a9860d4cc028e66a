import { Controller, Get, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from './ApiError.js';
import type { BackendConfig } from './config.js';
import type { GatewayMetrics, NotificationGateway } from './NotificationGateway.js';
import { CONFIG, NOTIFICATION_GATEWAY } from './tokens.js';

/** The seed's gateway metrics. In production only with `Authorization: Bearer <METRICS_TOKEN>`. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(NOTIFICATION_GATEWAY) private readonly gateway: NotificationGateway,
  ) {}

  @Get()
  metrics(@Req() request: Request): GatewayMetrics {
    if (this.config.production) {
      const { metricsToken } = this.config;
      if (!metricsToken) throw new ApiError(404, 'NOT_FOUND', 'metrics are off: set METRICS_TOKEN');
      if (request.headers.authorization !== `Bearer ${metricsToken}`)
        throw new ApiError(401, 'UNAUTHORIZED', 'metrics need the METRICS_TOKEN');
    }
    return this.gateway.getMetrics();
  }
}
