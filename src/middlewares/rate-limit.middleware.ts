import type { RequestHandler } from 'express';
import { AppError } from '../errors/app.error.js';

const WINDOW_MS = 60_000;
const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Allows `limitPerMinute` mutating requests per client address in fixed one-minute windows, then
 * rejects with 429 RATE_LIMITED and Retry-After. Counters live in this process only, so several instances
 * behind a balancer each allow the full limit.
 */
export function rateLimitMiddleware(limitPerMinute: number, now: () => number = Date.now): RequestHandler {
  let windowStart = now();
  let counts = new Map<string, number>();

  return (req, res, next) => {
    if (!MUTATING_METHODS.has(req.method)) return next();

    const current = now();
    if (current - windowStart >= WINDOW_MS) {
      windowStart = current;
      counts = new Map();
    }

    const client = req.ip ?? 'unknown';
    const count = (counts.get(client) ?? 0) + 1;
    counts.set(client, count);
    if (count <= limitPerMinute) return next();

    const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - current) / 1000));
    res.set('Retry-After', String(retryAfter));
    next(new AppError('RATE_LIMITED', { params: { retryAfter } }));
  };
}
