import { BACKENDS, type BackendName } from '@fanin/core';
import { BenchArgumentError } from './errors.js';

/** The benchmarks of the suite, in the order they run. */
export const BENCHMARK_NAMES = [
  'training',
  'cnn',
  'attempts',
  'activations',
  'normalization',
  'initializers',
  'sweep',
  'samplers',
  'cli',
  'memory',
] as const;

export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

export interface SuiteOptions {
  /** A fast smoke version (under a minute): few steps, small shapes, no long run. */
  readonly quick: boolean;
  /** Run only these benchmarks (default: all). */
  readonly only?: readonly BenchmarkName[];
  /** Steps of the long memory run (default 5,000; 300 with `quick`). */
  readonly steps?: number;
  /** Backends to measure (default wasm then cpu). */
  readonly backends: readonly BackendName[];
  /** Python with torch for the PyTorch comparison (default /usr/bin/python3). */
  readonly python?: string;
  /** Directory for the JSON results (default <repo>/bench/results). */
  readonly out?: string;
  /** Write the JSON results file (default true). */
  readonly save: boolean;
  /** Time PyTorch when a Python with torch is found (default true). */
  readonly torch: boolean;
}

export const DEFAULT_SUITE_OPTIONS: SuiteOptions = {
  quick: false,
  backends: ['wasm', 'cpu'],
  save: true,
  torch: true,
};

export const SUITE_USAGE = `Usage: fanin-bench [options]

  --quick              fast smoke run (< 1 minute): few steps, small shapes
  --only <names>       run only these benchmarks (comma-separated, or repeat the flag):
                       ${BENCHMARK_NAMES.join(', ')}
  --steps <N>          steps of the long memory run (default 5000, quick 300)
  --backends <names>   backends to measure (default wasm,cpu)
  --python <path>      Python with torch (default /usr/bin/python3)
  --out <dir>          directory for the JSON results (default <repo>/bench/results)
  --no-save            do not write the JSON results
  --no-torch           do not time PyTorch
  --help               print this text`;

function fail(message: string): never {
  throw new BenchArgumentError(message);
}

function listOf<T extends string>(value: string, allowed: readonly T[], flag: string): T[] {
  return value.split(',').map((item) => {
    const name = item.trim();
    if (!(allowed as readonly string[]).includes(name)) {
      fail(`${flag}: unknown name "${name}". Available: ${allowed.join(', ')}`);
    }
    return name as T;
  });
}

/**
 * Parses the suite's command line (`process.argv.slice(2)`). Returns `help: true` for
 * `--help`; throws a BenchArgumentError naming the bad flag otherwise.
 */
export function parseSuiteArguments(argv: readonly string[]): SuiteOptions & { help: boolean } {
  let options: SuiteOptions & { help: boolean } = { ...DEFAULT_SUITE_OPTIONS, help: false };
  const only: BenchmarkName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const [flag, inline] =
      argument.startsWith('--') && argument.includes('=')
        ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
        : [argument, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) fail(`${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case '--quick':
        options = { ...options, quick: true };
        break;
      case '--only':
        only.push(...listOf(value(), BENCHMARK_NAMES, '--only'));
        break;
      case '--steps': {
        const text = value();
        const steps = Number(text);
        if (!Number.isInteger(steps) || steps < 1)
          fail(`--steps must be a positive integer, got "${text}"`);
        options = { ...options, steps };
        break;
      }
      case '--backends':
        options = { ...options, backends: listOf(value(), BACKENDS, '--backends') };
        break;
      case '--python':
        options = { ...options, python: value() };
        break;
      case '--out':
        options = { ...options, out: value() };
        break;
      case '--no-save':
        options = { ...options, save: false };
        break;
      case '--no-torch':
        options = { ...options, torch: false };
        break;
      case '--help':
      case '-h':
        options = { ...options, help: true };
        break;
      default:
        fail(`unknown option "${argument}"`);
    }
  }
  return only.length > 0 ? { ...options, only: [...new Set(only)] } : options;
}
