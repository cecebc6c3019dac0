/**
 * The classic activation-distribution findings, with thresholds from what the math predicts.
 *
 * Setup: x ~ N(0, 1) of width n = 100, layers x ← act(x W), W ~ N(0, s²), no bias. A unit's
 * pre-activation z = Σ_i x_i W_i is, given the previous layer, normal with variance
 * q = s² Σ_i x_i² ≈ n s² E[x²]. Iterating this "mean-field" recursion (Gaussian integrals,
 * computed with numpy) gives the expected statistics below; the experiment's seeded run is one
 * random draw around them, and scripts/activation_distributions.py measures the spread of
 * such draws over 200 numpy repetitions of the classic code (fixtures/activation-distributions.json).
 */
import { useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import reference from '../../fixtures/activation-distributions.json' with { type: 'json' };
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { activationDistributions, type DistributionCell } from './activation-distributions.js';

type Result = Awaited<ReturnType<typeof activationDistributions>>;

function cell(result: Result, activation: string, initializer: string): DistributionCell {
  const found = result.cells.find(
    (c) => c.activation === activation && c.initializer === initializer,
  );
  if (!found) throw new Error(`no cell ${activation} x ${initializer}`);
  return found;
}

/** Share of layer `layer`'s values in [from, to] (bins fully inside), from the histogram. */
function shareBetween(
  result: Result,
  activation: string,
  initializer: string,
  layer: number,
  from: number,
  to: number,
) {
  return result.histograms
    .filter(
      (bin) =>
        bin.activation === activation &&
        bin.initializer === initializer &&
        bin.layer === layer &&
        bin.binStart >= from - 1e-9 &&
        bin.binEnd <= to + 1e-9,
    )
    .reduce((sum, bin) => sum + bin.share, 0);
}

const ratio = (c: DistributionCell) => c.layers[4]!.std! / c.layers[0]!.std!;

describe.each([
  ['wasm', 1000],
  ['cpu', 500],
] as const)('activationDistributions on %s (%i samples)', (backend, samples) => {
  let result: Result;
  beforeAll(async () => {
    await useBackend(backend);
    const leaks = await countLeaks(async () => {
      result = await activationDistributions({ samples });
    });
    expect(leaks).toBe(0);
  });

  it('with std 1, sigmoid activations pile up at 0 and 1 (saturation)', () => {
    // Layer 1: q = 100 (std of z is 10). Later layers: q = 100 E[a²] ≈ 44 (std 6.65), so
    // P(a < 0.01 or a > 0.99) = P(|z| > ln 99 = 4.60) = 0.49 and P(|a - 0.5| > 0.4) =
    // P(|z| > ln 9 = 2.20) = 0.74, while only P(|z| < ln 1.5) = 0.05 lies in [0.4, 0.6].
    const c = cell(result, 'sigmoid', 'normal(std=1)');
    expect(c.layers[4]!.shareSaturated).toBeGreaterThan(0.39);
    expect(c.layers[4]!.shareSaturated).toBeLessThan(0.6);
    expect(
      shareBetween(result, 'sigmoid', 'normal(std=1)', 5, 0, 0.1) +
        shareBetween(result, 'sigmoid', 'normal(std=1)', 5, 0.9, 1),
    ).toBeGreaterThan(0.6);
    expect(shareBetween(result, 'sigmoid', 'normal(std=1)', 5, 0.4, 0.6)).toBeLessThan(0.1);
    // Xavier keeps sigmoid away from its ends: z has std about 1.2 at layer 5, nothing saturates.
    expect(cell(result, 'sigmoid', 'xavierNormal').layers[4]!.shareSaturated).toBeLessThan(0.01);
  });

  it('with std 0.01, sigmoid activations collapse onto 0.5', () => {
    // z has std 0.01 √(100 · 0.25) = 0.05 from layer 2 on, so a ≈ 0.5 + z/4 has std 0.0125;
    // every value within 0.5 ± 0.1 (8 standard deviations).
    const last = cell(result, 'sigmoid', 'normal(std=0.01)').layers[4]!;
    expect(Math.abs(last.mean! - 0.5)).toBeLessThan(0.01);
    expect(last.std).toBeLessThan(0.02);
    expect(last.min).toBeGreaterThan(0.4);
    expect(last.max).toBeLessThan(0.6);
    expect(last.shareSaturated).toBe(0);
  });

  it('Xavier keeps the spread of tanh across layers; std 0.01 does not', () => {
    // Mean-field recursion q' = E[tanh(√q Z)²] from q = 1: std by layer 0.63, 0.49, 0.41,
    // 0.36, 0.32, a ratio of 0.51. With std 0.01 each layer is linear with gain
    // 0.01 √100 = 0.1, so layer 5 is 1e-4 of layer 1.
    expect(ratio(cell(result, 'tanh', 'xavierNormal'))).toBeGreaterThan(0.4);
    expect(ratio(cell(result, 'tanh', 'xavierNormal'))).toBeLessThan(0.65);
    expect(ratio(cell(result, 'tanh', 'normal(std=0.01)'))).toBeLessThan(1e-3);
  });

  it('He keeps the spread of relu with about half the values exactly 0; Xavier halves the variance per layer', () => {
    // He: q = 100 (2/100) E[relu(z)²] = q/2 · 2 = q, constant, so the std stays about 0.83
    // (finite width makes it drift by ±30% over 5 layers). z is symmetric given the previous
    // layer, so P(relu(z) = 0) = 1/2. Xavier: q halves per layer, std ratio (1/√2)^4 = 0.25.
    const he = cell(result, 'relu', 'heNormal');
    expect(ratio(he)).toBeGreaterThan(0.5);
    expect(ratio(he)).toBeLessThan(2);
    for (const layer of he.layers) {
      expect(layer.shareDead).toBeGreaterThan(0.4);
      expect(layer.shareDead).toBeLessThan(0.6);
    }
    const xavier = ratio(cell(result, 'relu', 'xavierNormal'));
    expect(xavier).toBeGreaterThan(0.1);
    expect(xavier).toBeLessThan(0.4);
    expect(cell(result, 'relu', 'heNormal').layers[0]!.shareSaturated).toBeNull();
  });

  it('matches the statistics of the classic numpy code within its spread over 200 repetitions', () => {
    const rows = reference.bySamples[String(samples) as '500' | '1000'];
    let checked = 0;
    for (const row of rows) {
      const ours = cell(result, row.activation, row.initializer).layers[row.layer - 1]!;
      for (const name of ['mean', 'std', 'shareSaturated', 'shareDead'] as const) {
        const band = row[name];
        const value = ours[name];
        if (band === null) {
          expect(value, `${row.activation} ${row.initializer} ${row.layer} ${name}`).toBeNull();
          continue;
        }
        // The band holds 99% of numpy's runs; widened by half its width on each side (and by
        // float32 resolution) for the seeded draw and the band's own estimation error.
        const slack = 0.5 * (band.high - band.low) + 1e-6 * Math.abs(band.mean) + 1e-9;
        expect(
          value,
          `${row.activation} ${row.initializer} layer ${row.layer} ${name}`,
        ).toBeGreaterThanOrEqual(band.low - slack);
        expect(
          value,
          `${row.activation} ${row.initializer} layer ${row.layer} ${name}`,
        ).toBeLessThanOrEqual(band.high + slack);
        checked++;
      }
    }
    expect(checked).toBe(12 * 5 * 4 - 4 * 5 * 1);
  });

  it('returns JSON data and sound plot specs', () => {
    expect(result.experiment).toBe('activationDistributions');
    expect(result.backend).toBe(backend);
    expect(result.config.samples).toBe(samples);
    expect(jsonRoundTrips(result)).toBe(true);
    expect(result.plots.map((p) => p.name)).toEqual([
      'histograms-sigmoid',
      'histograms-tanh',
      'histograms-relu',
      'std-by-layer',
      'saturation-by-layer',
    ]);
    for (const p of result.plots) expect(specProblems(p)).toEqual([]);
    // 3 activations x 4 initializers x 5 layers x 30 bins; shares sum to 1 per layer
    // (relu: values outside the data range cannot occur; the range is the data's).
    expect(result.histograms).toHaveLength(3 * 4 * 5 * 30);
    const sums = new Map<string, number>();
    for (const bin of result.histograms) {
      const key = `${bin.activation}/${bin.initializer}/${bin.layer}`;
      sums.set(key, (sums.get(key) ?? 0) + bin.share);
    }
    for (const [key, sum] of sums) expect(sum, key).toBeCloseTo(1, 9);
  });
});

describe('activationDistributions options', () => {
  it('takes any registered activation and initializer with options, and labels them', async () => {
    await useBackend('cpu');
    const result = await activationDistributions({
      samples: 50,
      units: 20,
      layers: 2,
      activations: [{ type: 'leakyRelu', alpha: 0.1 }, 'softsign'],
      initializers: [{ type: 'orthogonal', gain: 1 }],
    });
    expect(result.cells.map((c) => `${c.activation} / ${c.initializer}`)).toEqual([
      'leakyRelu(alpha=0.1) / orthogonal(gain=1)',
      'softsign / orthogonal(gain=1)',
    ]);
    expect(result.cells[0]!.layers[0]!.shareSaturated).toBeNull();
    expect(result.cells[1]!.layers[0]!.shareSaturated).not.toBeNull();
  });

  it('rejects a bad config with the option path and an unknown name with a suggestion', async () => {
    await expect(activationDistributions({ samples: 0 })).rejects.toThrow(
      'experiment "activationDistributions": option "samples" must be an integer >= 1 and <= 16384, got 0',
    );
    await expect(activationDistributions({ activations: ['rellu'] })).rejects.toThrow(
      'unknown activation "rellu". Did you mean "relu"?',
    );
  });

  it('reports progress per cell and stops when aborted', async () => {
    await useBackend('cpu');
    const events: number[] = [];
    const controller = new AbortController();
    const run = activationDistributions(
      { samples: 20, units: 10, layers: 2 },
      {
        signal: controller.signal,
        onProgress: (event) => {
          events.push(event.done);
          expect(event).toMatchObject({
            experiment: 'activationDistributions',
            stage: 'forward',
            total: 12,
          });
          if (event.done === 3) controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow(
      'experiment "activationDistributions" was aborted during "forward"',
    );
    expect(events).toEqual([1, 2, 3]);
  });
});

describe('activationDistributions sizes', () => {
  it('refuses 1e9 units before allocating, with the limit', async () => {
    await expect(activationDistributions({ units: 1e9 })).rejects.toThrow(
      /units.* 16384, got 1000000000/,
    );
  });

  it('refuses samples x units x layers that would not fit, naming the limit', async () => {
    await expect(
      activationDistributions({ samples: 16384, units: 16384, layers: 5 }),
    ).rejects.toThrow(
      'experiment "activationDistributions": samples x units x layers (the activations kept for the histograms of one cell) is 1,342,177,280 values; at most 268,435,456 (2^28, 1 GiB of float32) fit. Use fewer samples, units or layers',
    );
  });
});
