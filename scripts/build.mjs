// Compiles TypeScript to dist/ and copies the Handlebars views next to the compiled code.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (existsSync('src/views')) cpSync('src/views', 'dist/views', { recursive: true });
