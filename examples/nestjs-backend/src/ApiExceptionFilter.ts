import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorBody } from '@paysocket/protocol';
import { ApiError } from './ApiError.js';

/** Every refusal as `{ error: { code, message } }`: ours, Nest's (404, body too large) and crashes (500). */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  readonly #logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let body: ErrorBody = { error: { code: 'INTERNAL', message: 'internal error' } };
    if (exception instanceof ApiError) {
      status = exception.status;
      body = { error: { code: exception.code, message: exception.message } };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const code =
        status === 400
          ? 'INVALID_BODY'
          : status === 404
            ? 'NOT_FOUND'
            : status === 413
              ? 'BODY_TOO_LARGE'
              : 'HTTP_ERROR';
      body = { error: { code, message: exception.message } };
    } else {
      this.#logger.error(exception);
    }
    response.status(status).json(body);
  }
}
