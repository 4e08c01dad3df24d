import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the port once the server logs that it listens; rejects if it exits first. */
  port: Promise<number>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** Starts `src/server.ts` as a real process, the way `npm start` does, on a free loopback port. */
export function startServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)[^\n]*Tienda listening/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error(`server exited before listening: ${output.slice(-2000)}`)));
  });
  port.catch(() => undefined);
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal, output }));
    },
  );
  return { child, port, exit };
}
