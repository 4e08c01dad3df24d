import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const STARTUP_TIMEOUT_MS = 20_000;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (folder !== '' && isExecutable(path.join(folder, command))) return path.join(folder, command);
  }
  return undefined;
}

function inGoBin(): string | undefined {
  const result = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const gopath = result.stdout.trim().split(path.delimiter)[0];
  const file = gopath ? path.join(gopath, 'bin', 'ferretdb') : undefined;
  return file && isExecutable(file) ? file : undefined;
}

/** Finds the FerretDB binary: `FERRETDB_BIN`, then `ferretdb` on PATH, then the Go bin folder. */
export function findFerretDb(): string | undefined {
  const configured = process.env.FERRETDB_BIN;
  if (configured) return configured;
  return onPath('ferretdb') ?? inGoBin();
}

/** Asks the kernel for a free loopback port. Another process could take it before FerretDB binds it. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface FerretDbServer {
  /** `mongodb://127.0.0.1:<port>/`, without a database. */
  url: string;
  port: number;
  /** The SQLite folder, which a restart reuses, so the data survives it. */
  sqliteDir: string;
  /** Stops the process and keeps the SQLite folder. */
  stop(): Promise<void>;
  /** Starts the process again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops the process and deletes the SQLite folder. */
  destroy(): Promise<void>;
}

export interface StartOptions {
  binary: string;
  port?: number;
  sqliteDir?: string;
}

/**
 * Starts FerretDB with the SQLite backend on a loopback port and waits until it accepts connections.
 * Throws with the end of FerretDB's output when it exits or does not listen within 20 s.
 */
export async function startFerretDb(options: StartOptions): Promise<FerretDbServer> {
  const port = options.port ?? (await freePort());
  const sqliteDir = options.sqliteDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tienda-ferretdb-')));
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    let output = '';
    const started = spawn(
      options.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${sqliteDir}/`,
        `--listen-addr=127.0.0.1:${port}`,
        '--state-dir=-',
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=WARN',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keepTail = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-2_000);
    };
    started.stdout?.on('data', keepTail);
    started.stderr?.on('data', keepTail);
    let exit: string | undefined;
    started.once('exit', (code, signal) => {
      exit = `exited with ${signal ?? `code ${code}`}`;
    });
    started.once('error', (error) => {
      exit = `could not be started: ${error.message}`;
    });

    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (!(await canConnect(port))) {
      if (exit !== undefined || Date.now() > deadline) {
        started.kill('SIGKILL');
        const reason = exit ?? `did not listen on 127.0.0.1:${port} within ${STARTUP_TIMEOUT_MS} ms`;
        const tail = output.trim() === '' ? '' : ` Its last output:\n${output.trim()}`;
        throw new Error(`FerretDB (${options.binary}) ${reason}.${tail}`);
      }
      await sleep(50);
    }
    child = started;
  };

  // Stops FerretDB when the test process exits without its teardown (process.exit, an uncaught error).
  // NOTE: a test process killed by a signal still leaves it running.
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const forced = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };

  await launch();
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    port,
    sqliteDir,
    stop,
    restart: launch,
    async destroy() {
      process.off('exit', killOnExit);
      await stop();
      await rm(sqliteDir, { recursive: true, force: true });
    },
  };
}

/** Tells whether the server at `url` is FerretDB, which reports `ferretdbVersion` in buildInfo. */
export async function isFerretDb(url: string): Promise<boolean> {
  const { default: mongoose } = await import('mongoose');
  const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const info = await connection.db?.admin().command({ buildInfo: 1 });
    return typeof info?.ferretdbVersion === 'string';
  } finally {
    await connection.close();
  }
}
