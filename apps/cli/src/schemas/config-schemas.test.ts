import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRegistry } from '../registry.js';
import { generateSchemas, modelFileSchema, schemaText, sweepFileSchema } from './config-schemas.js';
import { checkJsonSchema } from './json-schema-check.js';

const root = join(import.meta.dirname, '..', '..');
const registry = cliRegistry();
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

describe('config schemas', () => {
  it.each(Object.entries(generateSchemas(registry)))(
    'schemas/%s is what the registry generates (run pnpm --filter @fanin/cli build to update it)',
    (name, schema) => {
      expect(readFileSync(join(root, 'schemas', name), 'utf8')).toBe(schemaText(schema));
    },
  );

  it('lists every registered activation, initializer, optimizer and dataset', () => {
    const text = schemaText(modelFileSchema(registry));
    for (const kind of [
      'activation',
      'initializer',
      'normalization',
      'optimizer',
      'loss',
      'dataset',
    ] as const)
      for (const entry of registry.list(kind)) expect(text).toContain(`"${entry.name}"`);
  });

  it('accepts the example configs', () => {
    expect(checkJsonSchema(modelFileSchema(registry), read('examples/model.json'))).toBeUndefined();
    expect(checkJsonSchema(sweepFileSchema(registry), read('examples/sweep.json'))).toBeUndefined();
    expect(checkJsonSchema(modelFileSchema(registry), read('examples/cnn.json'))).toBeUndefined();
    expect(
      checkJsonSchema(sweepFileSchema(registry), read('examples/cnn-sweep.json')),
    ).toBeUndefined();
  });

  it('rejects a misspelled activation, an unknown key and a bad training option at their paths', () => {
    const model = read('examples/model.json');
    const schema = modelFileSchema(registry);
    const badActivation = structuredClone(model);
    badActivation.layers[1].activation = 'rellu';
    expect(checkJsonSchema(schema, badActivation)?.path).toBe('layers[1].activation');
    const badKey = structuredClone(model);
    badKey.layers[0].activaton = 'relu';
    expect(checkJsonSchema(schema, badKey)?.path).toBe('layers[0]');
    const badEpochs = structuredClone(model);
    badEpochs.training.epochs = 0;
    expect(checkJsonSchema(schema, badEpochs)).toEqual({
      path: 'training.epochs',
      message: 'must be >= 1, got 0',
    });
  });

  it('rejects a space distribution of an unknown type and an empty stage list', () => {
    const sweep = read('examples/sweep.json');
    const schema = sweepFileSchema(registry);
    expect(
      checkJsonSchema(schema, { ...sweep, space: { lr: { type: 'logUniformm', low: 1, high: 2 } } })
        ?.path,
    ).toBe('space.lr.type');
    expect(checkJsonSchema(schema, { ...sweep, stages: [] })?.path).toBe('stages');
    expect(
      checkJsonSchema(schema, {
        ...sweep,
        model: { ...read('examples/model.json'), inputShape: [] },
      })?.path,
    ).toBe('model.inputShape');
  });
});
