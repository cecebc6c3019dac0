import { describe, expect, it } from 'vitest';
import { BACKENDS, currentBackend } from './backend/backend.js';
import { Dense } from './modules/dense.js';
import { type BackendHandle, core } from './plugin.js';
import { createRegistry } from './registry/registry.js';

const fanin = createRegistry({ plugins: [core] });

describe('the core plugin', () => {
  it('provides the optimizers, losses, the dense layer and the backends', () => {
    expect(core.name).toBe('@fanin/core');
    // The names come from the plugin, so adding an entry needs no edit here; the anchors
    // catch an entry that goes missing, and the registry must list every entry, sorted.
    const byName = (a: string, b: string) => a.localeCompare(b);
    const expected = {
      optimizer: { entries: core.optimizers, anchors: ['sgd', 'momentum', 'adam', 'adamw'] },
      loss: { entries: core.losses, anchors: ['softmaxCrossEntropy', 'meanSquaredError'] },
      layer: { entries: core.layers, anchors: ['dense', 'conv2d', 'flatten', 'dropout'] },
      backend: { entries: core.backends, anchors: [...BACKENDS] },
    } as const;
    for (const [kind, { entries, anchors }] of Object.entries(expected)) {
      const names = Object.keys(entries);
      expect(names, kind).toEqual(expect.arrayContaining([...anchors]));
      expect(
        fanin.list(kind as keyof typeof expected).map((e) => e.name),
        kind,
      ).toEqual([...names].sort(byName));
    }
    expect(Object.keys(core.backends).sort()).toEqual([...BACKENDS].sort());
    for (const info of fanin.list())
      expect(info.description.length, `${info.kind} ${info.name}`).toBeGreaterThan(10);
  });

  it('switches backends through its entries', async () => {
    const wasm = fanin.backend('wasm') as BackendHandle;
    expect(wasm.name).toBe('wasm');
    expect(await wasm.isAvailable()).toBe(true);
    expect(await wasm.use()).toBe('wasm');
    expect(currentBackend()).toBe('wasm');
    expect(await (fanin.backend('cpu') as BackendHandle).use()).toBe('cpu');
    expect(currentBackend()).toBe('cpu');
  });

  it('creates dense layers with registry initializers and validated options', () => {
    const layer = fanin.layer('dense', { units: 3, bias: false }) as Dense;
    expect(layer).toBeInstanceOf(Dense);
    layer.ensureBuilt([1, 4]);
    expect([...layer.namedParameters().keys()]).toEqual(['kernel']);
    expect(layer.kernel!.shape).toEqual([4, 3]);
    layer.dispose();
    expect(() => fanin.layer('dense', {} as never)).toThrow(
      'layer "dense": option "units" must be an integer >= 1 (it is required), got undefined',
    );
    expect(() => fanin.create('layer', { type: 'dense', units: 2, init: 5 })).toThrow(
      'layer "dense": option "init" must be an initializer name or an object with "type", got 5',
    );
    expect(() => fanin.create('layer', { type: 'dense', units: 2, init: 'heNormal' })).toThrow(
      'unknown initializer "heNormal"',
    );
  });
});
