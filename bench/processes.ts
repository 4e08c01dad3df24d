import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 10;

export interface AppOptions {
  /** Folder of the repository, where `dist/server.js` is. */
  root: string;
  dataDir: string;
  /** File that receives the app's stdout and stderr (its pino log lines). */
  logFile: string;
  store?: 'fs' | 'mongo';
  mongoUrl?: string;
  /** Folder for a V8 CPU profile written at exit (`node --cpu-prof`); none when absent. */
  cpuProfileDir?: string;
}

export interface RunningApp {
  url: string;
  pid: number;
  /** Milliseconds from spawning the process to the first `GET /healthz` with status 200. */
  startupMs: number;
  stop(): Promise<void>;
}

/** Reads the resident set size of a Linux process in MB, from `/proc/<pid>/status`; null elsewhere. */
export function residentSetMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function readListeningPort(logFile: string): Promise<number | null> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (!line.includes('Tienda listening')) continue;
    const match = /"port":(\d+)/.exec(line);
    if (match) return Number(match[1]);
  }
  return null;
}

async function lastLogLines(logFile: string, count = 20): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops a child with SIGTERM, then SIGKILL when it has not exited after `STOP_TIMEOUT_MS`. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, STOP_TIMEOUT_MS)) return;
  child.kill('SIGKILL');
  await waitForExit(child, STOP_TIMEOUT_MS);
}

/**
 * Starts `node dist/server.js` in production mode with info-level logs, listening on a free port of
 * 127.0.0.1, and waits until `/healthz` returns 200. Its log lines go to `logFile`, a plain file, so
 * the app writes them as a deployment would and the harness spends no time reading them.
 */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const logFd = openSync(options.logFile, 'a');
  const args = options.cpuProfileDir
    ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, 'dist/server.js']
    : ['dist/server.js'];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    RATE_LIMIT: 'off',
    SEED_DEMO: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    STORE: options.store ?? 'fs',
    DATA_DIR: options.dataDir,
  };
  if (options.mongoUrl) env.MONGO_URL = options.mongoUrl;

  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);

  const deadline = started + START_TIMEOUT_MS;
  let url: string | null = null;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The app exited with code ${child.exitCode} before it was ready. Last log lines:\n` +
          (await lastLogLines(options.logFile)),
      );
    }
    if (url === null) {
      const port = await readListeningPort(options.logFile);
      if (port !== null) url = `http://127.0.0.1:${port}`;
    }
    if (url !== null) {
      const ready = await fetch(`${url}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) {
        const startupMs = performance.now() - started;
        return {
          url,
          pid: child.pid as number,
          startupMs,
          stop: () => stopChild(child),
        };
      }
    }
    await sleep(POLL_INTERVAL_MS);
  }

  await stopChild(child);
  throw new Error(
    `GET /healthz did not return 200 within ${START_TIMEOUT_MS} ms. Last log lines:\n` +
      (await lastLogLines(options.logFile)),
  );
}

/** A response the reference servers return for one URL. */
export interface ReferenceBody {
  url: string;
  contentType: string;
  body: string;
}

export interface ReferenceServers {
  expressUrl: string;
  httpUrl: string;
  /**
   * Replaces the bodies the references serve: each URL in `bodies` gets its own, and any other
   * request (any method) gets `fallback`.
   */
  load(bodies: readonly ReferenceBody[], fallback: ReferenceBody): Promise<void>;
  stop(): Promise<void>;
}

interface ReferenceMessage {
  type: 'ready' | 'loaded';
  expressPort?: number;
  httpPort?: number;
}

function nextMessage(child: ChildProcess, type: ReferenceMessage['type']): Promise<ReferenceMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ReferenceMessage): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`The reference servers exited with code ${code} before sending '${type}'.`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Starts the bare Express and bare `node:http` servers in one child process of their own, so they get
 * a core as the app does and never share the harness' event loop with autocannon.
 */
export async function startReferenceServers(root: string): Promise<ReferenceServers> {
  const script = path.join(root, 'bench', 'reference.server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready');
  return {
    expressUrl: `http://127.0.0.1:${ready.expressPort}`,
    httpUrl: `http://127.0.0.1:${ready.httpPort}`,
    async load(bodies, fallback) {
      const loaded = nextMessage(child, 'loaded');
      child.send({ type: 'load', bodies, fallback });
      await loaded;
    },
    stop: () => stopChild(child),
  };
}
