import { option, UnknownEntryError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { referenceOption } from '../config/resolve-section.js';
import { cliRegistry } from '../registry.js';
import { defineCommand, short } from './command.js';
import { UsageError } from './errors.js';
import { parseArguments } from './parse-arguments.js';

const command = defineCommand({
  name: 'demo',
  summary: 'A command for tests',
  description: 'Takes every kind of option.',
  positionals: [{ name: 'file', description: 'A file', required: false }],
  options: {
    epochs: option.integer({ description: 'Epochs', default: 5, min: 1 }),
    learningRate: option.number({ description: 'Rate', optional: true, greaterThan: 0 }),
    stratify: option.boolean({ description: 'Stratify', default: true }),
    json: option.boolean({ description: 'JSON', default: false }),
    hidden: option.array(option.integer({ description: 'Units', min: 1 }), {
      description: 'Widths',
      default: [100],
    }),
    backend: option.enum(['cpu', 'wasm'] as const, { description: 'Backend', default: 'wasm' }),
    out: short(option.string({ description: 'Output', optional: true }), 'o'),
    optimizer: referenceOption(cliRegistry(), 'optimizer', {
      description: 'Optimizer',
      default: 'adam',
    }),
  },
  examples: [],
  run: async () => 0,
});

describe('parseArguments', () => {
  it('fills in defaults and reports which options were given', () => {
    const parsed = parseArguments(command, []);
    expect(parsed.options).toMatchObject({
      epochs: 5,
      stratify: true,
      hidden: [100],
      backend: 'wasm',
    });
    expect(parsed.options.learningRate).toBeUndefined();
    expect(parsed.given.size).toBe(0);
  });

  it('reads --name value, --name=value, -x value, booleans and --no-flag', () => {
    const parsed = parseArguments(command, [
      '--epochs',
      '3',
      '--learning-rate=1e-3',
      '-o',
      'runs/x',
      '--json',
      '--no-stratify',
      'model.json',
    ]);
    expect(parsed.options).toMatchObject({
      epochs: 3,
      learningRate: 1e-3,
      out: 'runs/x',
      json: true,
      stratify: false,
    });
    expect(parsed.positionals.file).toBe('model.json');
    expect([...parsed.given].sort()).toEqual(['epochs', 'json', 'learningRate', 'out', 'stratify']);
  });

  it('splits lists on commas and accumulates repeated list flags', () => {
    expect(parseArguments(command, ['--hidden', '256,128']).options.hidden).toEqual([256, 128]);
    expect(parseArguments(command, ['--hidden', '8', '--hidden', '4']).options.hidden).toEqual([
      8, 4,
    ]);
  });

  it('takes a registry reference as a name or as JSON and checks it against the registry', () => {
    expect(parseArguments(command, ['--optimizer', 'sgd']).options.optimizer).toBe('sgd');
    expect(
      parseArguments(command, ['--optimizer', '{"type":"sgd","learningRate":0.1}']).options
        .optimizer,
    ).toEqual({ type: 'sgd', learningRate: 0.1 });
  });

  it('accepts negative numbers as values', () => {
    const negative = defineCommand({
      name: 'demo',
      summary: '',
      description: '',
      positionals: [],
      options: { low: option.number({ description: 'Low', default: 0 }) },
      examples: [],
      run: async () => 0,
    });
    expect(parseArguments(negative, ['--low', '-6']).options.low).toBe(-6);
  });

  it('names the flag and the expected value in errors', () => {
    expect(() => parseArguments(command, ['--epochs', 'abc'])).toThrow(
      'fanin demo: --epochs must be an integer >= 1, got "abc"',
    );
    expect(() => parseArguments(command, ['--epochs', '0'])).toThrow(
      'fanin demo: --epochs must be an integer >= 1, got 0',
    );
    expect(() => parseArguments(command, ['--backend', 'gpu'])).toThrow(
      'fanin demo: --backend must be one of "cpu", "wasm", got "gpu"',
    );
    expect(() => parseArguments(command, ['--epochs'])).toThrow('--epochs needs a value');
  });

  it('suggests the closest flag for an unknown one', () => {
    expect(() => parseArguments(command, ['--epoch', '3'])).toThrow(
      'fanin demo: unknown option "--epoch". Did you mean "--epochs"?',
    );
    expect(() => parseArguments(command, ['--epoch', '3'])).toThrow(UsageError);
  });

  it('checks a registry reference against the registry, naming the flag', () => {
    expect(() => parseArguments(command, ['--optimizer', 'adma'])).toThrow(
      /^fanin demo: --optimizer: unknown optimizer "adma". Did you mean "adam"\? Available: /,
    );
    expect(() => parseArguments(command, ['--optimizer', 'adma'])).toThrow(UnknownEntryError);
    expect(() =>
      parseArguments(command, ['--optimizer', '{"type":"sgd","learningRat":1}']),
    ).toThrow('unknown option "learningRat". Did you mean "learningRate"?');
    expect(() => parseArguments(command, ['--optimizer', '{"type":'])).toThrow('not valid JSON');
  });

  it('refuses extra positionals and missing required ones', () => {
    expect(() => parseArguments(command, ['a', 'b'])).toThrow('unexpected argument "b"');
    const required = defineCommand({
      ...command,
      positionals: [{ name: 'journal', description: 'The journal', required: true }],
    });
    expect(() => parseArguments(required, [])).toThrow('missing <journal> (the journal)');
    const requiredOption = defineCommand({
      name: 'demo',
      summary: '',
      description: '',
      positionals: [],
      options: { config: option.string({ description: 'Model file' }) },
      examples: [],
      run: async () => 0,
    });
    expect(() => parseArguments(requiredOption, [])).toThrow('--config is required (model file)');
  });

  it('treats everything after -- as positional', () => {
    expect(parseArguments(command, ['--', '--epochs']).positionals.file).toBe('--epochs');
  });
});
