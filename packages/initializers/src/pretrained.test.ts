import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createRegistry,
  Dense,
  encodeSafetensors,
  FaninError,
  Random,
  ShapeError,
  tf,
} from '@fanin/core';
import { describe, expect, it } from 'vitest';
import expected from '../fixtures/pretrained-pytorch.json' with { type: 'json' };
import { initializers } from './index.js';
import { MissingWeightError, pretrainedInitializer } from './pretrained.js';

const registry = createRegistry({ plugins: [initializers] });
const pytorchFile = fileURLToPath(
  new URL('../fixtures/pretrained-pytorch.safetensors', import.meta.url),
);
const random = new Random(0);

function load(config: Record<string, unknown>, shape: number[], name?: string): number[] {
  const tensor = registry
    .create('initializer', { type: 'pretrained', ...config })
    .init(shape, { random, name });
  const values = [...tensor.dataSync()];
  tensor.dispose();
  return values;
}

describe('pretrained', () => {
  // fixtures/pretrained-pytorch.safetensors: torch.nn.Linear(4, 3) and Conv2d(2, 3, (3, 2))
  // weights in PyTorch's layout, written by scripts/golden.py; the JSON has them in fanin's.
  it("loads PyTorch-layout kernels transposed to fanin's layout, bit for bit", () => {
    const config = { path: pytorchFile, layout: 'pytorch', prefix: 'encoder.' };
    for (const [name, { shape, values }] of Object.entries(expected)) {
      expect(load(config, shape, name.slice('encoder.'.length))).toEqual(values.map(Math.fround));
    }
  });

  it('initializes a Dense layer by its parameter names', () => {
    const loaded = registry.initializer('pretrained', { path: pytorchFile, layout: 'pytorch' });
    const dense = new Dense({
      units: 3,
      path: 'encoder.0',
      kernelInitializer: loaded,
      biasInitializer: loaded,
    });
    dense.ensureBuilt([1, 4]);
    const parameters = dense.namedParameters();
    expect([...parameters.get('kernel')!.dataSync()]).toEqual(
      expected['encoder.0.kernel'].values.map(Math.fround),
    );
    expect([...parameters.get('bias')!.dataSync()]).toEqual(
      expected['encoder.0.bias'].values.map(Math.fround),
    );
    dense.dispose();
  });

  it("reads files saved in fanin's layout as they are, and a fixed key", () => {
    const directory = mkdtempSync(join(tmpdir(), 'fanin-pretrained-'));
    const path = join(directory, 'weights.safetensors');
    const kernel = Float32Array.from([1, 2, 3, 4, 5, 6]);
    writeFileSync(
      path,
      encodeSafetensors(new Map([['layers.1.kernel', { shape: [2, 3], data: kernel }]])),
    );
    expect(load({ path }, [2, 3], 'layers.1.kernel')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(load({ path, key: 'layers.1.kernel' }, [2, 3], 'something.else')).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(load({ path, key: 'layers.1.kernel' }, [2, 3])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('lists the closest names when a tensor is missing', () => {
    const init = registry.initializer('pretrained', { path: pytorchFile });
    const attempt = () => init.init([4, 3], { random, name: '0.kernel' });
    expect(attempt).toThrow(MissingWeightError);
    expect(attempt).toThrow(
      `no tensor "0.kernel" in "${pytorchFile}" (3 tensors). Closest: encoder.0.kernel, encoder.0.bias, encoder.conv.kernel. Name the layer so its parameters match (Dense "path"), or set "prefix" or "key"`,
    );
  });

  it("explains a shape mismatch, recognizing PyTorch's transposed layout", () => {
    const init = registry.initializer('pretrained', { path: pytorchFile, prefix: 'encoder.' });
    const transposed = () => init.init([4, 3], { random, name: '0.kernel' });
    expect(transposed).toThrow(ShapeError);
    expect(transposed).toThrow(
      `initializer "pretrained": "encoder.0.kernel" in "${pytorchFile}" has shape [3, 4] but the parameter for "0.kernel" needs [4, 3]. It is the transpose: PyTorch stores Linear weights [out, in]; set layout: "pytorch"`,
    );
    const pytorch = registry.initializer('pretrained', {
      path: pytorchFile,
      prefix: 'encoder.',
      layout: 'pytorch',
    });
    expect(() => pytorch.init([5, 3], { random, name: '0.kernel' })).toThrow(
      'has shape [4, 3] (after the PyTorch-to-fanin transpose) but the parameter for "0.kernel" needs [5, 3]. Check that the model has the architecture the weights were saved from',
    );
  });

  it('needs a parameter name or a key', () => {
    const init = pretrainedInitializer(new Map());
    expect(() => init.init([2], { random })).toThrow(
      'initializer "pretrained": the parameter has no name to look up in the pretrained weights. Give the layer a path (Dense { path }) or set "key"',
    );
  });

  it('says when the file cannot be read or the runtime has no file system', () => {
    expect(() =>
      registry.initializer('pretrained', { path: '/nonexistent/w.safetensors' }),
    ).toThrow(/^initializer "pretrained": cannot read "\/nonexistent\/w\.safetensors": ENOENT/);
    expect(() => registry.initializer('pretrained', {} as never)).toThrow(
      'initializer "pretrained": option "path" must be a non-empty string (it is required), got undefined',
    );
    const original = process.getBuiltinModule;
    try {
      Object.defineProperty(process, 'getBuiltinModule', { value: undefined, configurable: true });
      expect(() => registry.initializer('pretrained', { path: pytorchFile })).toThrow(FaninError);
      expect(() => registry.initializer('pretrained', { path: pytorchFile })).toThrow(
        'reading "path" needs Node.js (>= 20.16), which this runtime is not. In a browser, fetch the file and use pretrainedInitializer(decodeSafetensors(bytes))',
      );
    } finally {
      Object.defineProperty(process, 'getBuiltinModule', { value: original, configurable: true });
    }
  });

  it('returns tensors that do not share memory with the decoded weights', () => {
    const data = Float32Array.from([1, 2]);
    const init = pretrainedInitializer(new Map([['b', { shape: [2], data }]]));
    const tensor = init.init([2], { random, name: 'b' });
    data[0] = 99;
    expect([...tensor.dataSync()]).toEqual([1, 2]);
    tf.dispose(tensor);
  });
});
