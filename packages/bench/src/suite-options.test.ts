import { describe, expect, it } from 'vitest';
import { BenchArgumentError } from './errors.js';
import { DEFAULT_SUITE_OPTIONS, parseSuiteArguments } from './suite-options.js';

describe('parseSuiteArguments', () => {
  it('defaults to the full suite on wasm and cpu', () => {
    expect(parseSuiteArguments([])).toEqual({ ...DEFAULT_SUITE_OPTIONS, help: false });
  });

  it('reads --quick, --only (comma list or repeated), --steps, --backends and paths', () => {
    const options = parseSuiteArguments([
      '--quick',
      '--only',
      'training,memory',
      '--only=cli',
      '--steps',
      '250',
      '--backends=cpu',
      '--python',
      '/opt/python',
      '--out',
      'results',
      '--no-save',
      '--no-torch',
    ]);
    expect(options).toMatchObject({
      quick: true,
      only: ['training', 'memory', 'cli'],
      steps: 250,
      backends: ['cpu'],
      python: '/opt/python',
      out: 'results',
      save: false,
      torch: false,
      help: false,
    });
  });

  it('recognizes --help', () => {
    expect(parseSuiteArguments(['--help']).help).toBe(true);
  });

  it('names the bad flag or value', () => {
    expect(() => parseSuiteArguments(['--fast'])).toThrow(BenchArgumentError);
    expect(() => parseSuiteArguments(['--fast'])).toThrow('unknown option "--fast"');
    expect(() => parseSuiteArguments(['--only', 'trainig'])).toThrow(
      /unknown name "trainig". Available: training/,
    );
    expect(() => parseSuiteArguments(['--steps', '0'])).toThrow(
      '--steps must be a positive integer, got "0"',
    );
    expect(() => parseSuiteArguments(['--steps'])).toThrow('--steps needs a value');
    expect(() => parseSuiteArguments(['--backends', 'gpu'])).toThrow(/unknown name "gpu"/);
  });
});
