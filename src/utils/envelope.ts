import type { ErrorCode, ErrorDetail } from '../errors/app.error.js';

export interface SuccessEnvelope<T> {
  status: 'success';
  payload: T;
}

export interface ErrorEnvelope {
  status: 'error';
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

export function success<T>(payload: T): SuccessEnvelope<T> {
  return { status: 'success', payload };
}

export function failure(code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorEnvelope {
  return { status: 'error', error: details ? { code, message, details } : { code, message } };
}
