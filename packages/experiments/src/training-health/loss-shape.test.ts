import { describe, expect, it } from 'vitest';
import { lossShape } from './loss-shape.js';

const steps = (n: number, f: (t: number) => number) =>
  Array.from({ length: n }, (_, i) => f(i / (n - 1)));

describe('lossShape', () => {
  it('sees a loss falling from the start', () => {
    const analysis = lossShape(steps(200, (t) => 0.3 + 2 * Math.exp(-5 * t)));
    expect(analysis.shape).toBe('decreasing');
    // 10% of the total decrease is reached after ln(1/0.9)/5 ≈ 2% of the steps (plus the smoothing lag).
    expect(analysis.plateau).toBeLessThan(0.05);
  });

  it('sees a long flat start followed by a drop', () => {
    // Flat at 2.3 for the first 40% of the steps, then an exponential fall to 0.5.
    const analysis = lossShape(
      steps(200, (t) => (t < 0.4 ? 2.3 : 0.5 + 1.8 * Math.exp(-8 * (t - 0.4)))),
    );
    expect(analysis.shape).toBe('plateauThenDrop');
    expect(analysis.plateau).toBeGreaterThan(0.38);
    expect(analysis.plateau).toBeLessThan(0.45);
  });

  it('sees a loss that barely moves, one that explodes, and one that turns NaN', () => {
    expect(lossShape(steps(100, (t) => 2.3 - 0.1 * t)).shape).toBe('flat');
    expect(lossShape(steps(100, (t) => 2.3 * Math.exp(3 * t))).shape).toBe('exploding');
    const nan = lossShape([2.3, 2.2, Number.NaN, 2.0]);
    expect(nan).toMatchObject({ shape: 'diverged', nonFiniteStep: 2 });
  });

  it('does not call a long run whose loss falls within its first window exploding', () => {
    // 10,000 steps: the smoothing window is 200, and the loss falls from 2.3 to near its
    // floor within it, so the window's mean (the start, about 0.6) is far below the first
    // raw losses. Comparing those raw losses with 3x the start called this "exploding".
    const analysis = lossShape(steps(10_000, (t) => 0.02 + 2.3 * Math.exp(-200 * t)));
    expect(analysis.start).toBeLessThan(0.7);
    expect(analysis.shape).toBe('decreasing');
    // A real rise after the start still counts.
    const rising = steps(10_000, (t) => (t < 0.5 ? 0.02 + 2.3 * Math.exp(-200 * t) : 5));
    expect(lossShape(rising).shape).toBe('exploding');
  });

  it('ignores noise on a decreasing loss', () => {
    // Deterministic ±0.1 alternation on top of a steady fall.
    const analysis = lossShape(
      steps(400, (t) => 2.3 - 1.5 * t).map((v, i) => v + (i % 2 ? 0.1 : -0.1)),
    );
    expect(analysis.shape).toBe('decreasing');
  });
});
