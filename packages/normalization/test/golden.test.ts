import { useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGolden, GOLDEN_FIXTURES, GOLDEN_TOLERANCE } from './golden-check.js';

describe.each(['cpu', 'wasm'] as const)('golden values from PyTorch on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each(Object.keys(GOLDEN_FIXTURES))(
    '%s: outputs, gradients and running statistics match within float32 tolerance',
    (name) => {
      const before = liveTensors();
      const comparisons = checkGolden(GOLDEN_FIXTURES[name]!);
      expect(liveTensors()).toBe(before);
      const worst = comparisons.reduce((a, b) => (b.errorRatio > a.errorRatio ? b : a));
      console.log(
        `${backend} ${name}: ${comparisons.length} comparisons, worst ${worst.quantity} of "${worst.case}" step ${worst.step}: max error ${worst.maxRelativeError.toExponential(2)} of the tensor's scale (${(worst.errorRatio * 100).toFixed(1)}% of the allowed ${GOLDEN_TOLERANCE.relative})`,
      );
      expect(comparisons.filter((c) => !c.ok)).toEqual([]);
      expect(comparisons.length).toBeGreaterThan(GOLDEN_FIXTURES[name]!.cases.length * 4 * 2);
    },
  );
});
