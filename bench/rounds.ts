import { measure, median, type LoadSettings, type Measurement, type TargetName } from './load.js';
import type { ScenarioSummary } from './report.js';
import type { HttpScenarioName, PreparedScenario } from './scenarios.js';

export interface RoundSettings {
  rounds: number;
  load: LoadSettings;
}

export function summarise(name: HttpScenarioName, rounds: Measurement[][]): ScenarioSummary {
  const of = (target: TargetName): Measurement[] =>
    rounds.map((round) => round.find((measurement) => measurement.target === target) as Measurement);
  const app = of('app');
  const express = of('express');
  const http = of('http');
  return {
    scenario: name,
    rounds,
    app: {
      requestsPerSecond: median(app.map((m) => m.requestsPerSecond)),
      p50Ms: median(app.map((m) => m.p50Ms)),
      p99Ms: median(app.map((m) => m.p99Ms)),
    },
    expressRequestsPerSecond: median(express.map((m) => m.requestsPerSecond)),
    httpRequestsPerSecond: median(http.map((m) => m.requestsPerSecond)),
    ratioToExpress: median(
      app.map((m, i) => m.requestsPerSecond / (express[i] as Measurement).requestsPerSecond),
    ),
    ratioToHttp: median(app.map((m, i) => m.requestsPerSecond / (http[i] as Measurement).requestsPerSecond)),
  };
}

/** Runs the rounds of one scenario, alternating the order of the servers from one round to the next. */
export async function runRounds(
  name: HttpScenarioName,
  prepared: PreparedScenario,
  urls: Record<TargetName, string>,
  settings: RoundSettings,
  errors: string[],
): Promise<Measurement[][]> {
  const rounds: Measurement[][] = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order: TargetName[] = round % 2 === 0 ? ['app', 'express', 'http'] : ['http', 'express', 'app'];
    const measurements: Measurement[] = [];
    for (const target of order) {
      const result = await measure(target, urls[target], settings.load, prepared.requestsFor(target));
      if (result.non2xx > 0 || result.errors > 0) {
        errors.push(
          `${name} on ${target}: ${result.non2xx} non-2xx responses and ${result.errors} connection errors ` +
            `(${result.timeouts} timeouts) in round ${round + 1}`,
        );
      }
      measurements.push(result);
    }
    rounds.push(measurements);
  }
  return rounds;
}
