/*
 * Prints where a V8 CPU profile (`node --cpu-prof`, as `npm run bench -- --cpu-prof` writes) spends
 * its time: the functions with the most self time, and the time by package or source file.
 * Usage: tsx bench/profile.ts FILE.cpuprofile [rows]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Names the package of a `node_modules` path, the file of a source path, or the V8 category. */
function ownerOf(url: string, functionName: string): string {
  if (url === '') return `(${functionName || 'native'})`;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1] as string;
  if (url.startsWith('node:')) return url;
  const distMatch = /\/dist\/(.+)$/.exec(url);
  return distMatch ? `dist/${distMatch[1]}` : url;
}

function printTop(title: string, totals: Map<string, number>, all: number, rows: number): void {
  console.log(`\n${title}`);
  const sorted = [...totals].sort((a, b) => b[1] - a[1]).slice(0, rows);
  for (const [name, micros] of sorted) {
    console.log(
      `${((micros / all) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
}

const [file, rowsText] = process.argv.slice(2);
if (!file) {
  console.error('Usage: tsx bench/profile.ts FILE.cpuprofile [rows]');
  process.exit(1);
}
const rows = Number(rowsText ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
let all = 0;
for (const [id, micros] of selfTime) {
  const frame = (nodes.get(id) as ProfileNode).callFrame;
  const owner = ownerOf(frame.url, frame.functionName);
  const name = `${frame.functionName || '(anonymous)'}  ${owner}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
  all += micros;
}

printTop('Self time by function', byFunction, all, rows);
printTop('Self time by package or file', byOwner, all, rows);
