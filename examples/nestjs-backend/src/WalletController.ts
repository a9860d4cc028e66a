import { Controller, Get, Inject, Req, UseGuards } from '@nestjs/common';
import type { Wallet } from '@paysocket/protocol';
import type { PaymentService } from './PaymentService.js';
import { SessionGuard, sessionOf, type SessionRequest } from './SessionGuard.js';
import { PAYMENT_SERVICE } from './tokens.js';

@Controller('api/v1/wallet')
@UseGuards(SessionGuard)
export class WalletController {
  constructor(@Inject(PAYMENT_SERVICE) private readonly payments: PaymentService) {}

  @Get()
  wallet(@Req() request: SessionRequest): Wallet {
    const { userId } = sessionOf(request);
    return { userId, balance: this.payments.balance(userId), currency: 'VND' };
  }
}
