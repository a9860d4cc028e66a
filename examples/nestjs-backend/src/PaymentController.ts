import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { TransactionSnapshot, TransactionsPage } from '@paysocket/protocol';
import { parseMomoIpn, verifyMomoIpnSignature } from '@paysocket/server';
import { ApiError } from './ApiError.js';
import type { BackendConfig } from './config.js';
import type { PaymentService } from './PaymentService.js';
import {
  confirmDepositBodySchema,
  depositBodySchema,
  parseBody,
  withdrawBodySchema,
} from './requestSchemas.js';
import type { ServerAddress } from './ServerAddress.js';
import { SessionGuard, sessionOf, type SessionRequest } from './SessionGuard.js';
import { CONFIG, PAYMENT_SERVICE, SERVER_ADDRESS } from './tokens.js';

/** The seed's payment paths: deposits through MoMo, MoMo's IPN, withdrawals, history. */
@Controller('api/v1/payment')
export class PaymentController {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(PAYMENT_SERVICE) private readonly payments: PaymentService,
    @Inject(SERVER_ADDRESS) private readonly address: ServerAddress,
  ) {}

  @Post('deposit')
  @HttpCode(201)
  @UseGuards(SessionGuard)
  deposit(@Req() request: SessionRequest, @Body() body: unknown): Promise<TransactionSnapshot> {
    const { amount } = parseBody(depositBodySchema, body);
    return this.payments.createDeposit(sessionOf(request).userId, amount, this.address.url);
  }

  @Post('deposit/:id/cancel')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  cancel(@Req() request: SessionRequest, @Param('id') id: string): Promise<TransactionSnapshot> {
    return this.payments.cancelDeposit(sessionOf(request).userId, id);
  }

  /**
   * MoMo's IPN. Refused, changing nothing, unless it is MoMo's own: an IPN body (400), MoMo's
   * signature (401), our partnerCode (400), one of our deposits (404) for its amount (400).
   * A repeat answers 204 and changes nothing.
   */
  @Post('momo/callback')
  @HttpCode(204)
  async momoCallback(@Body() body: unknown): Promise<void> {
    const parsed = parseMomoIpn(body);
    if (!parsed.ok) throw new ApiError(400, 'INVALID_IPN', parsed.message);
    const { ipn } = parsed;
    if (!verifyMomoIpnSignature(ipn, ipn.signature, this.config.momo))
      throw new ApiError(401, 'INVALID_SIGNATURE', 'bad signature');
    if (ipn.partnerCode !== this.config.momo.partnerCode)
      throw new ApiError(400, 'PARTNER_MISMATCH', 'not our partnerCode');
    await this.payments.applyMomoResult(ipn);
  }

  /** Development only: completes a deposit without MoMo. */
  @Post('confirm-deposit')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  confirm(@Req() request: SessionRequest, @Body() body: unknown): Promise<TransactionSnapshot> {
    if (this.config.production)
      throw new ApiError(404, 'NOT_FOUND', 'confirm-deposit is off when NODE_ENV=production');
    const { transactionId } = parseBody(confirmDepositBodySchema, body);
    return this.payments.confirmDeposit(sessionOf(request).userId, transactionId);
  }

  @Post('withdraw')
  @HttpCode(201)
  @UseGuards(SessionGuard)
  withdraw(@Req() request: SessionRequest, @Body() body: unknown): Promise<TransactionSnapshot> {
    const { amount } = parseBody(withdrawBodySchema, body);
    return this.payments.withdraw(sessionOf(request).userId, amount);
  }

  @Get('transactions/:id')
  @UseGuards(SessionGuard)
  transaction(@Req() request: SessionRequest, @Param('id') id: string): TransactionSnapshot {
    return this.payments.transaction(sessionOf(request).userId, id);
  }

  @Get('transactions')
  @UseGuards(SessionGuard)
  transactions(
    @Req() request: SessionRequest,
    @Query('limit') limitText = '20',
    @Query('cursor') cursorText?: string,
  ): TransactionsPage {
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100)
      throw new ApiError(400, 'INVALID_LIMIT', 'limit must be an integer from 1 to 100');
    if (cursorText !== undefined && !/^\d{1,15}$/.test(cursorText))
      throw new ApiError(400, 'INVALID_CURSOR', 'cursor must be a value of nextCursor');
    return this.payments.transactions(
      sessionOf(request).userId,
      limit,
      cursorText === undefined ? undefined : Number(cursorText),
    );
  }
}
