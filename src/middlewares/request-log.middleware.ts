import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../config/logger.js';

declare global {
  // Express merges these into every request, which is how handlers reach the request id and logger.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      /** A child logger carrying the request id, created on first use. */
      log: Logger;
    }
  }
}

const REQUEST_ID_PATTERN = /^[\w.-]{1,64}$/;

/**
 * Tags each request with an id and logs one line per response. The id is the client's `X-Request-Id`
 * when it is safe to echo, otherwise a new UUID, and it is sent back in `X-Request-Id`. The line contains
 * method, URL, status and duration, at info below 500 and at error otherwise. The child logger is built
 * only when a handler reads `req.log`, because building one per request showed up in profiles.
 */
export function requestLogMiddleware(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);

    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: false,
      get: () => (child ??= logger.child({ reqId: id })),
    });

    res.once('finish', () => {
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        reqId: id,
        req: { method: req.method, url: req.originalUrl },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(responseTime * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error(line, 'request completed');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
