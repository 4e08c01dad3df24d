import { pino, type Logger } from 'pino';
import type { Config } from './env.config.js';

export type { Logger };

/** Builds the one logger of the process: JSON lines on stdout in production, pino-pretty in development. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  if (config.NODE_ENV === 'development') {
    return pino({
      level: config.LOG_LEVEL,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  // Asynchronous writes keep log output off the request path; pino flushes what is buffered on exit.
  return pino({ level: config.LOG_LEVEL }, pino.destination({ sync: false }));
}
