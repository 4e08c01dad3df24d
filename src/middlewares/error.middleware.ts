import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError, isAppError } from '../errors/app.error.js';
import { errorMessage } from '../i18n/i18n.js';
import { failure } from '../utils/envelope.js';
import type { Logger } from '../config/logger.js';

/** Errors thrown by Express' body parsers carry a `type` and an HTTP status instead of our codes. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

/** Maps any thrown value to an AppError; anything unexpected becomes INTERNAL_ERROR. */
export function toAppError(error: unknown, bodyLimit: string): AppError {
  if (isAppError(error)) return error;
  if (isBodyParserError(error) && error.status < 500) {
    if (error.status === 413)
      return new AppError('PAYLOAD_TOO_LARGE', { params: { limit: bodyLimit }, cause: error });
    if (error.status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', { cause: error });
    return new AppError('MALFORMED_JSON', { cause: error });
  }
  return new AppError('INTERNAL_ERROR', { cause: error });
}

/** Renders a non-API error as a page; provided by the views layer. */
export type ErrorPageRenderer = (req: Request, res: Response, error: AppError) => void;

export interface ErrorHandlerOptions {
  logger: Logger;
  bodyLimit: string;
  renderPage?: ErrorPageRenderer;
}

function wantsPage(req: Request): boolean {
  return !req.path.startsWith('/api/') && req.path !== '/api' && req.accepts(['html', 'json']) === 'html';
}

/**
 * Turns every error into a response, in this one place: JSON envelopes for the API, error pages for
 * the storefront. 5xx are logged as errors with their cause, and 4xx by the request logger.
 */
export function errorHandler(options: ErrorHandlerOptions): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const appError = toAppError(error, options.bodyLimit);
    if (appError.status >= 500) {
      const cause = appError.code === 'INTERNAL_ERROR' ? error : (appError.cause ?? error);
      (req.log ?? options.logger).error({ err: cause, code: appError.code }, 'request failed');
    }
    if (res.headersSent) return next(error);

    if (options.renderPage && wantsPage(req)) {
      options.renderPage(req, res, appError);
      return;
    }
    const lang = res.locals.lang ?? 'es';
    res
      .status(appError.status)
      .json(failure(appError.code, errorMessage(lang, appError.code, appError.params), appError.details));
  };
}

export function apiNotFound(): RequestHandler {
  return (req) => {
    throw new AppError('ROUTE_NOT_FOUND', {
      params: { method: req.method, path: (req.originalUrl.split('?')[0] ?? '').slice(0, 200) },
    });
  };
}
