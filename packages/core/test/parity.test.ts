import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../src/backend/backend.js';
import { parityRun } from './parity-run.js';

describe('backend parity', () => {
  it('trains to the same per-epoch losses on cpu and wasm (within 1e-4), leaking nothing', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const cpu = await parityRun('cpu');
    expect(tf.memory().numTensors).toBe(before);
    const wasm = await parityRun('wasm');
    expect(cpu).toHaveLength(3);
    expect(cpu[2]).toBeLessThan(cpu[0]!);
    for (let epoch = 0; epoch < 3; epoch++)
      expect(
        Math.abs(wasm[epoch]! - cpu[epoch]!),
        `epoch ${epoch}: cpu ${cpu[epoch]} wasm ${wasm[epoch]}`,
      ).toBeLessThan(1e-4);
    if (process.env.FANIN_REPORT) console.log({ cpu, wasm });
  });
});
