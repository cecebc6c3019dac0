import { type Module, Random, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, GroupNorm, InstanceNorm, LayerNorm, RmsNorm } from '../src/index.js';
import { moduleGradcheck } from './module-gradcheck.js';

/** Every normalizer on dense and conv inputs, with affine parameters where they are optional. */
const CASES: [string, () => Module, number[]][] = [
  ['batchNorm dense', () => new BatchNorm(), [6, 3]],
  ['batchNorm conv', () => new BatchNorm(), [2, 3, 2, 3]],
  ['batchNorm channels-first', () => new BatchNorm({ axis: 1 }), [3, 2, 4]],
  ['batchNorm scale false', () => new BatchNorm({ scale: false }), [5, 3]],
  ['batchNorm center false', () => new BatchNorm({ center: false }), [5, 3]],
  ['layerNorm dense', () => new LayerNorm(), [3, 5]],
  ['layerNorm conv, axes 3', () => new LayerNorm({ axes: 3 }), [2, 2, 3, 3]],
  ['groupNorm dense', () => new GroupNorm({ groups: 2 }), [3, 8]],
  ['groupNorm conv', () => new GroupNorm({ groups: 2 }), [2, 2, 3, 4]],
  [
    'instanceNorm conv, affine',
    () => new InstanceNorm({ center: true, scale: true }),
    [2, 2, 3, 3],
  ],
  [
    'instanceNorm sequence, running statistics',
    () => new InstanceNorm({ scale: true, trackRunningStats: true }),
    [2, 5, 3],
  ],
  ['rmsNorm dense', () => new RmsNorm(), [3, 5]],
  ['rmsNorm conv, axes 2, center', () => new RmsNorm({ axes: 2, center: true }), [2, 3, 4]],
];

describe.each(['cpu', 'wasm'] as const)('gradcheck in training mode on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each(CASES)(
    '%s: input and parameter gradients match finite differences',
    (_name, make, shape) => {
      const random = new Random(`gradcheck ${_name}`);
      const module = make();
      const x = random.normalTensor(shape, 0.5, 1.5);
      module.ensureBuilt(shape);
      // Non-trivial affine parameters, so that gamma and beta gradients are not those of 1 and 0.
      for (const [name, variable] of module.namedParameters()) {
        variable.assign(
          random.fork(name).normalTensor(variable.shape, name === 'gamma' ? 1 : 0, 0.5),
        );
      }
      const result = moduleGradcheck(module, x, true, { epsilon: 1e-2, rtol: 2e-2, atol: 2e-3 });
      expect(result.names.length).toBe(1 + module.namedParameters().size);
      expect(
        result.ok,
        `worst ${JSON.stringify(result.worst)} in ${result.names[result.worst?.input ?? 0]}`,
      ).toBe(true);
      x.dispose();
      module.dispose();
    },
  );
});
