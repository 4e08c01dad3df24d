import { io, type Socket } from 'socket.io-client';
import type { StoredProduct } from './catalogue.js';
import { percentile } from './load.js';

const CONNECT_TIMEOUT_MS = 5_000;
/** Time every socket gets to receive the last update before missing events are counted. */
const DELIVERY_TIMEOUT_MS = 10_000;
const CONNECT_BATCH = 50;
const PAUSE_BETWEEN_UPDATES_MS = 20;

export interface FanoutSettings {
  sockets: number;
  updates: number;
}

export interface FanoutResult {
  sockets: number;
  updates: number;
  expectedEvents: number;
  receivedEvents: number;
  /** Sockets that missed at least one update. */
  socketsMissingEvents: number;
  /**
   * Latency from sending the REST update to each socket's receipt. The app broadcasts before it
   * responds, so most events arrive before the REST response and this latency includes the update.
   */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Events that arrived after the REST response, and their latency from that response. */
  arrivedAfterResponse: number;
  afterResponseP99Ms: number;
  afterResponseMaxMs: number;
  updateRequestP50Ms: number;
}

/** Fanout could not run: the app has no Socket.io endpoint. */
export interface FanoutUnavailable {
  skipped: string;
}

function connect(url: string): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/**
 * Connects `settings.sockets` clients, sends `settings.updates` REST updates one after the other, and
 * measures when each socket receives each `product:updated` event. Every update sets a unique title,
 * which is how an event is matched to its update.
 */
export async function runFanout(
  appUrl: string,
  products: readonly StoredProduct[],
  settings: FanoutSettings,
): Promise<FanoutResult | FanoutUnavailable> {
  let probe: Socket;
  try {
    probe = await connect(appUrl);
  } catch (error) {
    return { skipped: `socket.io not available (${(error as Error).message})` };
  }

  const sockets: Socket[] = [probe];
  /** Receipt times, by update title, one entry per socket that received it. */
  const receipts = new Map<string, number[]>();
  const seenBySocket = sockets.map(() => 0);
  const listen = (socket: Socket, index: number): void => {
    socket.on('product:updated', (product: { title?: string }) => {
      const at = performance.now();
      const title = product.title ?? '';
      let times = receipts.get(title);
      if (!times) receipts.set(title, (times = []));
      times.push(at);
      seenBySocket[index] = (seenBySocket[index] ?? 0) + 1;
    });
  };
  listen(probe, 0);

  try {
    while (sockets.length < settings.sockets) {
      const batch = Math.min(CONNECT_BATCH, settings.sockets - sockets.length);
      const connected = await Promise.all(Array.from({ length: batch }, () => connect(appUrl)));
      for (const socket of connected) {
        listen(socket, sockets.length);
        sockets.push(socket);
      }
    }

    const latencies: number[] = [];
    const updateDurations: number[] = [];
    const sentAt = new Map<string, number>();
    const respondedAt = new Map<string, number>();
    const target = products[0] as StoredProduct;
    const runTag = Date.now().toString(36);
    for (let i = 0; i < settings.updates; i++) {
      const title = `Fanout ${runTag} update ${i}`;
      const sent = performance.now();
      sentAt.set(title, sent);
      const response = await fetch(`${appUrl}/api/products/${target._id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      await response.arrayBuffer();
      if (response.status !== 200)
        throw new Error(`PUT /api/products/${target._id} returned ${response.status}.`);
      const responded = performance.now();
      respondedAt.set(title, responded);
      updateDurations.push(responded - sent);

      // Closed loop: the next update waits until every socket has this one, so a slow client does not
      // pile events up and add its own queueing to later latencies.
      const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
      while ((receipts.get(title)?.length ?? 0) < sockets.length && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_UPDATES_MS));
    }

    const expectedEvents = settings.sockets * settings.updates;
    const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
    const received = (): number => [...receipts.values()].reduce((sum, times) => sum + times.length, 0);
    while (received() < expectedEvents && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const afterResponse: number[] = [];
    for (const [title, sent] of sentAt) {
      const responded = respondedAt.get(title) as number;
      for (const at of receipts.get(title) ?? []) {
        latencies.push(at - sent);
        if (at > responded) afterResponse.push(at - responded);
      }
    }
    const maxOf = (values: number[]): number =>
      values.length > 0 ? values.reduce((max, value) => Math.max(max, value), 0) : Number.NaN;
    return {
      sockets: sockets.length,
      updates: settings.updates,
      expectedEvents,
      receivedEvents: latencies.length,
      socketsMissingEvents: seenBySocket.filter((seen) => seen < settings.updates).length,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: maxOf(latencies),
      arrivedAfterResponse: afterResponse.length,
      afterResponseP99Ms: percentile(afterResponse, 0.99),
      afterResponseMaxMs: maxOf(afterResponse),
      updateRequestP50Ms: percentile(updateDurations, 0.5),
    };
  } finally {
    for (const socket of sockets) socket.close();
  }
}
