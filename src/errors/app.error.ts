export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_ID: 400,
  INVALID_QUERY: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  CART_NOT_FOUND: 404,
  PRODUCT_NOT_IN_CART: 404,
  PAGE_OUT_OF_RANGE: 404,
  CODE_ALREADY_EXISTS: 409,
  INSUFFICIENT_STOCK: 409,
  PRODUCT_UNAVAILABLE: 409,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Values interpolated into the localized message of an error, such as the id that was not found. */
export type ErrorParams = Record<string, string | number>;

export interface AppErrorOptions {
  params?: ErrorParams;
  details?: ErrorDetail[];
  cause?: unknown;
}

/**
 * The one error type that crosses layers. The `code` is the stable contract; the HTTP status follows
 * from it, and the human message is looked up per request language at the edge.
 */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: ErrorParams;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.params = options.params ?? {};
    this.details = options.details;
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';

  constructor(details: ErrorDetail[], code: 'VALIDATION_ERROR' | 'INVALID_QUERY' = 'VALIDATION_ERROR') {
    super(code, { details });
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
}

export class StoreUnavailableError extends AppError {
  override readonly name = 'StoreUnavailableError';

  constructor(cause?: unknown) {
    super('STORE_UNAVAILABLE', { cause });
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
