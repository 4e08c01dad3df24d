// Compiles TypeScript and copies the Handlebars views into a fresh folder, then swaps it in for dist/,
// so a server already running from dist/ never reads a half-built tree.
//
// With --if-stale it does nothing when dist/ is newer than every file under src/ and the build
// settings, which keeps `npm start` quick after the first build.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STAMP = path.join('dist', '.build-stamp');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestModification(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestModification(path.join(entry, name))),
    stats.mtimeMs,
  );
}

if (process.argv.includes('--if-stale') && existsSync(STAMP)) {
  const built = statSync(STAMP).mtimeMs;
  const changed = Math.max(...INPUTS.filter((entry) => existsSync(entry)).map(newestModification));
  if (changed <= built) process.exit(0);
}

const staging = `.dist-build-${process.pid}`;
const retired = `.dist-old-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
try {
  execFileSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', staging],
    { stdio: 'inherit' },
  );
  cpSync('src/views', path.join(staging, 'views'), {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
  writeFileSync(path.join(staging, '.build-stamp'), new Date().toISOString());
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  throw error;
}

if (existsSync('dist')) renameSync('dist', retired);
renameSync(staging, 'dist');
rmSync(retired, { recursive: true, force: true });
