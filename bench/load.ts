import autocannon from 'autocannon';

export type TargetName = 'app' | 'express' | 'http';

/** One request of a scenario, chosen by the scenario for every request autocannon sends. */
export interface NextRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
  /** Called with the status of this request's response; used to count acknowledged writes. */
  onStatus?: (status: number) => void;
}

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** The figures of one fixed-duration measurement against one server. */
export interface Measurement {
  target: TargetName;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface RequestContext {
  pending?: NextRequest;
}

/** Runs autocannon once; each request is built by `next`, so paths can be random per request. */
async function fire(
  url: string,
  seconds: number,
  connections: number,
  next: () => NextRequest,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request, context) => {
          const chosen = next();
          (context as RequestContext).pending = chosen;
          return { ...request, method: chosen.method, path: chosen.path, body: chosen.body ?? '' };
        },
        onResponse: (status, _body, context) => {
          (context as RequestContext).pending?.onStatus?.(status);
        },
      },
    ],
  });
}

/** Warms up `url` for `warmupSeconds` (figures discarded), then measures it for `durationSeconds`. */
export async function measure(
  target: TargetName,
  url: string,
  settings: LoadSettings,
  next: () => NextRequest,
): Promise<Measurement> {
  if (settings.warmupSeconds > 0) await fire(url, settings.warmupSeconds, settings.connections, next);
  const result = await fire(url, settings.durationSeconds, settings.connections, next);
  return {
    target,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Returns the value below which `fraction` of the samples fall (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}
