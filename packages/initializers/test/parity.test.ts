import { createRegistry, useBackend } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { initializers } from '../src/index.js';
import { caseLabel, differingCases, initializerBytes, parityCases } from './parity-check.js';

const registry = createRegistry({ plugins: [initializers] });

describe('backend parity', () => {
  it('covers every scheme but pretrained', () => {
    const covered = new Set(
      parityCases.map(({ config }) => registry.validate('initializer', config).name),
    );
    const all = registry.list('initializer').map((info) => info.name);
    expect([...covered].sort()).toEqual(all.filter((name) => name !== 'pretrained'));
  });

  it('gives the same bytes for the same seed on cpu and wasm', async () => {
    await useBackend('cpu');
    const cpu = await initializerBytes(registry);
    await useBackend('wasm');
    const wasm = await initializerBytes(registry);
    await useBackend('cpu');
    expect(cpu.size).toBe(parityCases.length);
    expect(differingCases(cpu, wasm)).toEqual([]);
  });

  it('gives the same bytes on a second run and different bytes for another seed', async () => {
    const first = await initializerBytes(registry, 1);
    expect(differingCases(first, await initializerBytes(registry, 1))).toEqual([]);
    const other = await initializerBytes(registry, 2);
    const random = parityCases.filter(({ config }) => {
      const { name } = registry.validate('initializer', config);
      return registry.info('initializer', name).metadata?.random;
    });
    expect(differingCases(first, other).sort()).toEqual(random.map(caseLabel).sort());
  });
});
