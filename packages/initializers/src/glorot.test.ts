import { describe, expect, it } from 'vitest';
import { draw, expectMatchesReference, registry, schemeCases } from '../test/helpers.js';
import { sampleMoments } from './stats.js';

describe('glorotNormal, glorotUniform (xavierNormal, xavierUniform)', () => {
  // PyTorch: xavier_normal_(w, gain) = N(0, (gain·√(2/(fan_in + fan_out)))²), untruncated;
  //          xavier_uniform_(w, gain) = U(±gain·√(6/(fan_in + fan_out))).
  // Keras:   GlorotUniform = VarianceScaling(1, "fan_avg", "uniform") (the same);
  //          GlorotNormal = VarianceScaling(1, "fan_avg", "truncated_normal") (ours: varianceScaling).
  it.each(schemeCases('glorotNormal', 'glorotUniform', 'xavierNormal', 'xavierUniform'))(
    'matches $reference',
    (entry) => expectMatchesReference(entry),
  );

  it('glorotNormal is untruncated, as PyTorch (Keras truncates at 2σ)', () => {
    const std = Math.sqrt(2 / 900);
    const { min, max } = sampleMoments(draw('glorotNormal', [400, 500]));
    // 200 000 normals: about 9000 beyond 2σ, and the extremes near 4.5σ
    expect(Math.max(-min, max)).toBeGreaterThan(3.5 * std);
  });

  it('resolves the aliases to the canonical names', () => {
    expect(registry.canonicalName('initializer', 'xavierNormal')).toBe('glorotNormal');
    expect(registry.initializer('xavierUniform').name).toBe('glorotUniform');
    expect(draw('xavierUniform', [6, 7], 9)).toEqual(draw('glorotUniform', [6, 7], 9));
  });

  it('rejects a negative gain', () => {
    expect(() => registry.initializer('glorotUniform', { gain: -1 })).toThrow(
      'initializer "glorotUniform": option "gain" must be a number >= 0, got -1',
    );
  });
});
