import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export type Metrics = Record<string, number>;

export interface Scenario {
  /** Used on the command line (`npm run bench -- <name>`) and as the key in results.json. */
  name: string;
  description: string;
  run(): Promise<Metrics>;
}

export interface ResultsFile {
  scenarios: Record<string, Metrics>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Picks the scenarios named on the command line (all when none are named). */
export function selectScenarios(all: readonly Scenario[], names: readonly string[]): Scenario[] {
  if (names.length === 0) return [...all];
  const unknown = names.filter((name) => !all.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${all.map((s) => s.name).join(', ')}`);
  }
  return all.filter((scenario) => names.includes(scenario.name));
}

/** Writes this run's metrics into results.json, keeping scenarios this run did not measure. */
export function mergeResults(file: string, fresh: Record<string, Metrics>): ResultsFile {
  let existing: ResultsFile = { scenarios: {} };
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile>;
      if (parsed && typeof parsed.scenarios === 'object' && parsed.scenarios) existing = { scenarios: parsed.scenarios };
    } catch {
      // A corrupt results file is replaced rather than blocking the run.
    }
  }
  const merged: ResultsFile = { scenarios: { ...existing.scenarios, ...fresh } };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}

export function printTable(results: Record<string, Metrics>): void {
  const rows = Object.entries(results).flatMap(([scenario, metrics]) =>
    Object.entries(metrics).map(([metric, value]) => [scenario, metric, String(value)] as const),
  );
  const header = ['scenario', 'metric', 'value'] as const;
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
