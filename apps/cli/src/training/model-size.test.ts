import { describe, expect, it } from 'vitest';
import { checkModelSize, MAX_TENSOR_VALUES, ModelTooLargeError } from './model-size.js';

const mlp = (...units: number[]) => ({
  inputShape: [2],
  layers: units.map((dense) => ({ dense })),
});

describe('checkModelSize', () => {
  it('refuses 1e9 units before anything is allocated, naming the layer, the flag and the limit', () => {
    expect(() => checkModelSize(mlp(1e9, 3), 30, { flag: '--hidden' })).toThrow(ModelTooLargeError);
    expect(() => checkModelSize(mlp(1e9, 3), 30, { flag: '--hidden' })).toThrow(
      'layers[0].dense (--hidden): 1,000,000,000 units on 2 inputs make a weight matrix of 2,000,000,000 values; a tensor holds at most 268,435,456 (2^28, 1 GiB of float32). Use fewer units in --hidden',
    );
  });

  it('counts the batch of activations and the memory of all parameters', () => {
    expect(() => checkModelSize(mlp(2 ** 20, 3), 1024)).toThrow(
      /layers\[0\]\.dense: a batch of 1,024 examples through 1,048,576 units .*or a smaller batch size$/,
    );
    const memoryBytes = 2 ** 30;
    expect(() => checkModelSize(mlp(10_000, 10_000, 3), 64, { memoryBytes })).toThrow(
      /^the model has 100,070,003 parameters, about 1\.9 GiB to train; this machine allows 26,843,545 \(half of its 1\.0 GiB of memory/,
    );
  });

  it('lets the classic models through', () => {
    checkModelSize(
      { inputShape: [784], layers: [100, 100, 100, 100, 100, 10].map((dense) => ({ dense })) },
      100,
    );
    checkModelSize(mlp(Math.floor(MAX_TENSOR_VALUES / 4), 3), 1, { memoryBytes: 2 ** 40 });
  });
});
