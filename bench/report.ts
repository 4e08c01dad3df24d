import type { FanoutResult } from './fanout.js';
import type { Measurement } from './load.js';
import type { CheckResult } from './scenarios.js';

/** The medians of one HTTP scenario over its alternating rounds. */
export interface ScenarioSummary {
  scenario: string;
  rounds: Measurement[][];
  app: { requestsPerSecond: number; p50Ms: number; p99Ms: number };
  expressRequestsPerSecond: number;
  httpRequestsPerSecond: number;
  /** Median over the rounds of app req/s divided by the reference's req/s in the same round. */
  ratioToExpress: number;
  ratioToHttp: number;
  check?: CheckResult;
  target?: TargetOutcome;
}

export interface TargetOutcome {
  text: string;
  met: boolean;
}

export interface StartupSummary {
  startupMs: number;
  rssAtReadyMb: number | null;
  peakRssMb: number | null;
}

export interface SizeReport {
  products: number;
  /** Store or variant, when not the default `fs` store. */
  label?: string;
  startup: StartupSummary;
  scenarios: ScenarioSummary[];
  skipped: { scenario: string; reason: string }[];
  fanout?: FanoutResult;
  extraTargets: TargetOutcome[];
}

function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [pad(header, widths), rule, ...rows.map((row) => pad(row, widths))].join('\n');
}

/** Formats the table of one catalogue size, with the targets and checks under it. */
export function formatSizeReport(report: SizeReport): string {
  const lines: string[] = [
    `N = ${formatNumber(report.products)} products${report.label ? `, ${report.label}` : ''}`,
  ];
  const rows = report.scenarios.map((summary) => [
    summary.scenario,
    formatNumber(summary.app.requestsPerSecond),
    formatNumber(summary.app.p50Ms, 1),
    formatNumber(summary.app.p99Ms, 1),
    formatNumber(summary.expressRequestsPerSecond),
    formatNumber(summary.httpRequestsPerSecond),
    formatNumber(summary.ratioToExpress, 2),
    formatNumber(summary.ratioToHttp, 2),
    summary.target ? `${summary.target.met ? 'met' : 'NOT MET'} (${summary.target.text})` : '',
  ]);
  if (rows.length > 0) {
    lines.push(
      table(
        [
          'scenario',
          'app req/s',
          'p50 ms',
          'p99 ms',
          'express req/s',
          'http req/s',
          'app/express',
          'app/http',
          'target',
        ],
        rows,
      ),
    );
  }

  for (const summary of report.scenarios) {
    if (summary.check) lines.push(`${summary.scenario}: ${summary.check.summary}`);
  }
  for (const skipped of report.skipped) lines.push(`${skipped.scenario}: skipped, ${skipped.reason}`);

  const startup = report.startup;
  lines.push(
    `startup: ${formatNumber(startup.startupMs)} ms to GET /healthz 200; RSS ${formatNumber(startup.rssAtReadyMb ?? Number.NaN)} MB when ready, ` +
      `peak ${formatNumber(startup.peakRssMb ?? Number.NaN)} MB after the scenarios`,
  );
  const fanout = report.fanout;
  if (fanout) {
    lines.push(
      `fanout: ${fanout.sockets} sockets x ${fanout.updates} updates, ${fanout.receivedEvents}/${fanout.expectedEvents} events received, ` +
        `${fanout.socketsMissingEvents} sockets missed some; latency from sending the REST update p50 ${formatNumber(fanout.p50Ms, 1)} ms, ` +
        `p99 ${formatNumber(fanout.p99Ms, 1)} ms, max ${formatNumber(fanout.maxMs, 1)} ms; ` +
        (fanout.arrivedAfterResponse === 0
          ? 'every event arrived before the REST response'
          : `${fanout.arrivedAfterResponse} events arrived after the REST response (p99 ${formatNumber(fanout.afterResponseP99Ms, 1)} ms, ` +
            `max ${formatNumber(fanout.afterResponseMaxMs, 1)} ms after it)`),
    );
  }
  for (const target of report.extraTargets) {
    lines.push(`target ${target.met ? 'met' : 'NOT MET'}: ${target.text}`);
  }
  return lines.join('\n');
}
