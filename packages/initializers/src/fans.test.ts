import { ShapeError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import torchFans from '../fixtures/fans.json' with { type: 'json' };
import { computeFans, fanOf } from './fans.js';

describe('computeFans', () => {
  // torch.nn.init._calculate_fan_in_and_fan_out on PyTorch's [out, in, *kernel], and Keras's
  // compute_fans on the same kernel laid out [*kernel, in, out] (scripts/golden.py checks
  // that the two agree).
  it.each(torchFans)('$layer: PyTorch $torchShape is fanin $shape', ({ shape, fanIn, fanOut }) => {
    expect(computeFans(shape)).toEqual({ fanIn, fanOut });
  });

  it('multiplies the receptive field into both fans of a conv kernel', () => {
    expect(computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
  });

  it("gives a grouped conv kernel [kh, kw, in / groups, out] PyTorch's fans", () => {
    // torch.nn.init._calculate_fan_in_and_fan_out(nn.Conv2d(4, 6, 3, groups=2).weight) is
    // (18, 54): fan_in counts the 2 input channels of a group, fan_out every one of the 6 filters
    expect(computeFans([3, 3, 2, 6])).toEqual({ fanIn: 18, fanOut: 54 });
    // depthwise nn.Conv2d(8, 16, 3, groups=8): weight [16, 1, 3, 3], fans (9, 144)
    expect(computeFans([3, 3, 1, 16])).toEqual({ fanIn: 9, fanOut: 144 });
  });

  it('takes explicit fans over the shape', () => {
    expect(computeFans([3, 3, 16, 32], { fanIn: 10 })).toEqual({ fanIn: 10, fanOut: 288 });
    expect(computeFans([5], { fanIn: 10, fanOut: 20 })).toEqual({ fanIn: 10, fanOut: 20 });
    expect(computeFans([], { fanIn: 1, fanOut: 2 })).toEqual({ fanIn: 1, fanOut: 2 });
  });

  it('takes explicit axes: a transposed convolution [kh, kw, out, in]', () => {
    expect(computeFans([3, 3, 32, 16], { inAxes: [-1], outAxes: [-2] })).toEqual({
      fanIn: 144,
      fanOut: 288,
    });
  });

  it('multiplies several unit axes and leaves batch axes out (attention [heads, model, head])', () => {
    // a query projection stored [model, heads, headSize]: inputs model, outputs heads·headSize
    expect(computeFans([512, 8, 64], { inAxes: [0], outAxes: [1, 2] })).toEqual({
      fanIn: 512,
      fanOut: 512,
    });
    // 4 stacked dense kernels [4, in, out]: each is a 10→20 layer
    expect(computeFans([4, 10, 20], { batchAxes: [0] })).toEqual({ fanIn: 10, fanOut: 20 });
  });

  it('refuses scalars and biases as PyTorch does, saying what to do', () => {
    expect(() => computeFans([10])).toThrow(ShapeError);
    expect(() => computeFans([10])).toThrow(
      'cannot compute fans of a rank-1 shape [10]: fans need a kernel [in, out] or [...kernel, in, out]. A bias has no fans: initialize it with "zeros", or give the fan explicitly ("fanIn", "fanOut")',
    );
    expect(() => computeFans([])).toThrow('rank-0 shape []');
  });

  it('refuses out-of-range and overlapping axes', () => {
    expect(() => computeFans([3, 4], { inAxes: [2] })).toThrow(
      'inAxes: axis 2 is out of range for a rank-2 shape. Use axes from -2 to 1',
    );
    expect(() => computeFans([3, 4], { inAxes: [1] })).toThrow(
      'axis 1 of shape [3, 4] is in both inAxes and outAxes',
    );
  });
});

describe('fanOf', () => {
  it('selects fanIn, fanOut, their mean or their geometric mean', () => {
    const fans = { fanIn: 2, fanOut: 8 };
    expect(
      ['fanIn', 'fanOut', 'fanAvg', 'fanGeoAvg'].map((mode) => fanOf(fans, mode as never)),
    ).toEqual([2, 8, 5, 4]);
  });
});
