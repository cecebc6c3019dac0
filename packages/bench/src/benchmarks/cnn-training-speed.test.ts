import { describe, expect, it } from 'vitest';
import { REFERENCE_CNN } from '../training/reference-cnn.js';
import { renderCnnTraining } from '../report/render-cnn.js';
import { cnnTrainingSpeed } from './cnn-training-speed.js';

const tiny = {
  ...REFERENCE_CNN,
  image: [8, 8, 1] as const,
  filters: [2, 4] as const,
  batchSize: 8,
  batchesPerEpoch: 2,
};

describe('cnnTrainingSpeed', () => {
  it('times fanin and tfjs-layers in turns, says why a contender cannot train, and counts tensors', async () => {
    const result = await cnnTrainingSpeed({
      spec: tiny,
      backends: ['wasm', 'cpu'],
      steps: { wasm: 2, cpu: 2 },
      repeats: 2,
      torch: false,
      memorySteps: 20,
    });
    const [wasm, cpu] = result.backends;
    const fanin = wasm!.contenders.find((c) => c.name === 'fanin fit')!;
    expect(fanin.msPerStep.median).toBeGreaterThan(0);
    expect(Number.isFinite(fanin.finalLoss)).toBe(true);
    expect(fanin.kernelsPerStep).toBeGreaterThan(0);
    // tfjs-layers cannot train a conv net on wasm: it names the missing kernel.
    expect(wasm!.unavailable).toEqual([
      { name: 'tfjs-layers fit', reason: expect.stringContaining('Conv2DBackpropFilter') },
    ]);
    expect(cpu!.contenders.map((c) => c.name)).toEqual(['fanin fit', 'tfjs-layers fit']);
    expect(cpu!.ratios[0]!.label).toBe('tfjs-layers fit / fanin fit');
    expect(result.memory).toMatchObject({ backend: 'wasm', steps: 20 });
    expect(result.memory!.tensorsAtEnd).toBe(result.memory!.tensorsAfterFirstEpoch);
    const text = renderCnnTraining(result).join('\n');
    expect(text).toContain('reference CNN 8x8x1 -> conv 3x3x2 -> pool -> conv 3x3x4');
    expect(text).toMatch(/wasm +tfjs-layers fit +cannot train/);
    expect(text).toContain('tfjs-layers fit cannot train on wasm: Kernel');
    expect(text).toContain('no growth');
  }, 120_000);
});
