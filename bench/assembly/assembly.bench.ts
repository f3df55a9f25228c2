/**
 * Solution-assembly bench: exact assembly (default engine) versus the greedy pick on generated
 * instances. Run with `npm run bench:assembly`. For each size, with and without a max-vendors
 * limit, it solves distinct seeded instances (best + 3 alternatives, default 2 s time limit) until
 * SAMPLES_PER_CASE instances, or CASE_BUDGET_MS of solving once MIN_SAMPLES_PER_CASE are done, and
 * prints a markdown table. "Offers considered" is `stats.offersAfterReduction`: the offers whose
 * LP bound is within the 4th best total, i.e. what the exact search had to look at.
 */
import { assemble, preloadAssemblySolver } from '@app/assembly/assemble';
import { greedyAssemble } from '@app/assembly/greedy';
import { generateInstance } from '@app/assembly/testing/generate-instance';
import type { AssemblyInput } from '@app/assembly/types';

const COMPONENT_COUNTS = [5, 10, 20, 40];
const OFFERS_PER_COMPONENT = [10, 50, 200];
const MAX_VENDORS_CASES: (number | undefined)[] = [undefined, 3];
const SAMPLES_PER_CASE = Number(process.env.BENCH_SAMPLES ?? 100);
const MIN_SAMPLES_PER_CASE = 10;
const CASE_BUDGET_MS = Number(process.env.BENCH_CASE_BUDGET_MS ?? 6000);

interface CaseReport {
  components: number;
  offersPerComponent: number;
  bundles: number;
  maxVendors: number | undefined;
  samples: number;
  solveMs: number[];
  offersConsidered: number[];
  proven: number;
  /** (greedy - optimum) / optimum, in %, where greedy found a selection. */
  greedyGaps: number[];
  greedyFailures: number;
  infeasible: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

async function runCase(
  components: number,
  offersPerComponent: number,
  maxVendors: number | undefined,
): Promise<CaseReport> {
  const report: CaseReport = {
    components,
    offersPerComponent,
    bundles: Math.round((components * offersPerComponent) / 10),
    maxVendors,
    samples: 0,
    solveMs: [],
    offersConsidered: [],
    proven: 0,
    greedyGaps: [],
    greedyFailures: 0,
    infeasible: 0,
  };
  const caseStarted = performance.now();
  for (let seed = 1; seed <= SAMPLES_PER_CASE; seed += 1) {
    if (report.samples >= MIN_SAMPLES_PER_CASE && performance.now() - caseStarted > CASE_BUDGET_MS) break;
    const input: AssemblyInput = {
      ...generateInstance({ seed: seed * 7919 + components * 31 + offersPerComponent, components, offersPerComponent }),
      constraints: maxVendors === undefined ? {} : { maxVendors },
    };
    const started = performance.now();
    const result = await assemble(input);
    report.solveMs.push(performance.now() - started);
    report.samples += 1;
    report.offersConsidered.push(result.stats.offersAfterReduction);
    if (result.status === 'optimal') report.proven += 1;
    if (result.solutions.length === 0) {
      report.infeasible += 1;
      continue;
    }
    const greedy = greedyAssemble(input);
    if (!greedy) report.greedyFailures += 1;
    else report.greedyGaps.push(((greedy.total - result.solutions[0].total) / result.solutions[0].total) * 100);
  }
  return report;
}

function formatRow(report: CaseReport): string {
  const times = ascending(report.solveMs);
  const gaps = ascending(report.greedyGaps);
  const cells = [
    `${report.components} x ${report.offersPerComponent}`,
    String(report.bundles),
    report.maxVendors === undefined ? '-' : String(report.maxVendors),
    String(report.samples),
    String(percentile(ascending(report.offersConsidered), 50)),
    percentile(times, 50).toFixed(1),
    percentile(times, 95).toFixed(1),
    times[times.length - 1].toFixed(1),
    `${report.proven}/${report.samples}`,
    gaps.length ? percentile(gaps, 50).toFixed(2) : '-',
    gaps.length ? gaps[gaps.length - 1].toFixed(2) : '-',
    String(report.greedyFailures),
  ];
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  await preloadAssemblySolver();
  // Warm the JIT and the WebAssembly tiers before timing.
  for (let seed = 0; seed < 5; seed += 1) {
    const warmup = generateInstance({ seed: 1_000_000 + seed, components: 10, offersPerComponent: 50 });
    await assemble(warmup);
    await assemble({ ...warmup, constraints: { maxVendors: 3 } });
  }
  console.log(
    '| components x offers/component | bundles | maxVendors | instances | offers considered (median) | p50 ms | p95 ms | max ms | proven optimal | greedy gap median % | greedy gap max % | greedy failed |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const benchStarted = performance.now();
  for (const components of COMPONENT_COUNTS) {
    for (const offersPerComponent of OFFERS_PER_COMPONENT) {
      for (const maxVendors of MAX_VENDORS_CASES) {
        console.log(formatRow(await runCase(components, offersPerComponent, maxVendors)));
      }
    }
  }
  console.log(
    `\nTimes are wall-clock per assemble() call (best + 3 alternatives, exact), Node ${process.version}; ` +
      `whole bench ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
