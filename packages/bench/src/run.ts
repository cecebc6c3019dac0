#!/usr/bin/env node
/**
 * The command-line runner: `pnpm bench` at the repository root builds the packages and runs
 * this file (`node packages/bench/dist/run.js [--quick] [--only names] [--steps N]`).
 */
import { renderReport } from './report/render.js';
import { writeResults } from './report/results-file.js';
import { BenchArgumentError } from './errors.js';
import { runSuite } from './suite.js';
import { parseSuiteArguments, SUITE_USAGE } from './suite-options.js';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseSuiteArguments>;
  try {
    options = parseSuiteArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof BenchArgumentError) {
      process.stderr.write(`${error.message}\n${SUITE_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${SUITE_USAGE}\n`);
    return 0;
  }
  const result = await runSuite(options, (message) => process.stderr.write(`${message}\n`));
  process.stdout.write(`\n${renderReport(result)}\n`);
  if (options.save) {
    const path = writeResults(result, options.out);
    process.stdout.write(`\nresults written to ${path}\n`);
  }
  return result.failures.length > 0 ? 1 : 0;
}

// Some benchmarks wait on work that holds no reference on the event loop (worker processes
// that are unref'd while idle); this timer keeps the process alive until the suite ends.
const keepAlive = setInterval(() => {}, 60_000);

main().then(
  (code) => {
    clearInterval(keepAlive);
    process.exitCode = code;
  },
  (error: unknown) => {
    clearInterval(keepAlive);
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
