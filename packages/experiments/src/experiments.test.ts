import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsJsonSchema, resolveOptions } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_NAMES, experiments } from './index.js';

describe('the experiments table', () => {
  it('lists every experiment under its own name', () => {
    expect(EXPERIMENT_NAMES).toEqual([
      'activationDistributions',
      'symmetry',
      'batchNormComparison',
      'hyperparameterSearch',
      'trainingHealth',
      'activationCatalogue',
      'sanityChecks',
    ]);
    for (const [key, experiment] of Object.entries(experiments)) {
      expect(experiment.name).toBe(key);
      expect(experiment.description.length).toBeGreaterThan(20);
      expect(typeof experiment.run).toBe('function');
    }
  });

  it('declares every option with a description and a default or optional presence, and a JSON Schema', () => {
    for (const experiment of Object.values(experiments)) {
      for (const [name, spec] of Object.entries(experiment.options)) {
        expect(spec.description.length, `${experiment.name}.${name}`).toBeGreaterThan(5);
        expect(spec.presence, `${experiment.name}.${name}`).not.toBe('required');
      }
      const schema = optionsJsonSchema(experiment.options);
      expect(schema.additionalProperties).toBe(false);
      expect(Object.keys(schema.properties as object)).toEqual(Object.keys(experiment.options));
      // The defaults are JSON: a config written to a file reads back the same.
      const defaults = resolveOptions(experiment.options, {}, experiment.name);
      expect(JSON.parse(JSON.stringify(defaults))).toEqual(
        Object.fromEntries(Object.entries(defaults).filter(([, v]) => v !== undefined)),
      );
      // The quick config is a valid config.
      expect(() =>
        resolveOptions(experiment.options, experiment.quick, experiment.name),
      ).not.toThrow();
    }
  });

  it('marks the experiments that run in seconds in a browser', () => {
    expect(
      Object.values(experiments)
        .filter((s) => s.light)
        .map((s) => s.name),
    ).toEqual(['activationDistributions', 'symmetry', 'activationCatalogue', 'sanityChecks']);
  });
});

describe('the main entry', () => {
  const source = fileURLToPath(new URL('.', import.meta.url));

  /** Every source file reachable from index.ts by relative static imports. */
  function reachable(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
      reachable(join(file, '..', match[1]!.replace(/\.js$/, '.ts')), seen);
    }
    return seen;
  }

  it('imports no node: module statically (browser bundles stay clean)', () => {
    const files = [...reachable(join(source, 'index.ts'))];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) =>
      // Static imports, and dynamic ones with a literal specifier (type-only
      // `typeof import('node:fs')` annotations are erased and allowed).
      /(?:from\s+'node:|^\s*import\s+'node:|(?<!typeof )import\('node:)/m.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders.map((file) => relative(source, file))).toEqual([]);
  });

  it('leaves the worker module out of the main entry', () => {
    const files = [...reachable(join(source, 'index.ts'))].map((file) => relative(source, file));
    expect(files).not.toContain(join('hyperparameter-search', 'worker.ts'));
    const all = readdirSync(join(source, 'hyperparameter-search'));
    expect(all).toContain('worker.ts');
  });
});
