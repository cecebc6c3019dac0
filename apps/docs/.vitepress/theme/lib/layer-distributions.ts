import { Dense, type Module, Random, type Registry, Sequential, tf } from '@fanin/core';

/** The classic experiment's settings: N(0, 1) inputs through `depth` dense layers of `width` units. */
export interface DistributionSettings {
  readonly initializer: { readonly type: string } & Record<string, unknown>;
  readonly activation: string;
  readonly depth: number;
  readonly width: number;
  /** Number of input samples (1000 in the classic experiment). */
  readonly samples: number;
  readonly bins: number;
  readonly seed: number;
}

/** What one hidden layer's activations look like. */
export interface LayerDistribution {
  /** 1-based layer number. */
  readonly layer: number;
  readonly mean: number;
  readonly std: number;
  /** Share of outputs within 1% of a finite end of the activation's range (0 when unbounded). */
  readonly saturated: number;
  /** Share of units whose output is the same for every sample (a dead ReLU is always 0). */
  readonly dead: number;
  /** Counts per bin; bins are shared by all layers (`edges`). */
  readonly counts: number[];
}

export interface DistributionResult {
  readonly edges: number[];
  readonly layers: LayerDistribution[];
}

/** Bin edges: over the activation's range when it is finite, else over the data seen. */
export function binEdges(
  range: readonly [number, number] | undefined,
  low: number,
  high: number,
  bins: number,
): number[] {
  let [a, b] =
    range && Number.isFinite(range[0]) && Number.isFinite(range[1]) ? range : [low, high];
  if (!(b > a)) {
    a -= 0.5;
    b += 0.5;
  }
  return Array.from({ length: bins + 1 }, (_, i) => a + ((b - a) * i) / bins);
}

/** Counts of `values` in each bin (the last bin includes its upper edge; values outside are clamped). */
export function histogram(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const low = edges[0]!;
  const width = (edges[bins]! - low) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((v - low) / width)));
    counts[bin]! += 1;
  }
  return counts;
}

function saturationTest(range: readonly [number, number] | undefined): (v: number) => boolean {
  if (!range) return () => false;
  const [low, high] = range;
  const finiteWidth = Number.isFinite(low) && Number.isFinite(high) ? high - low : undefined;
  const margin = finiteWidth !== undefined ? 0.01 * finiteWidth : 0.01;
  const atLow = Number.isFinite(low) ? (v: number) => v <= low + margin : () => false;
  const atHigh = Number.isFinite(high) ? (v: number) => v >= high - margin : () => false;
  return (v) => atLow(v) || atHigh(v);
}

/**
 * Runs the classic experiment on the current backend: a [samples, width] batch of N(0, 1)
 * inputs through `depth` bias-free dense layers, each followed by the activation, with every
 * kernel drawn by the chosen initializer from the seeded stream. Returns per-layer
 * histograms and statistics of the activation outputs.
 */
export async function layerDistributions(
  registry: Registry,
  settings: DistributionSettings,
): Promise<DistributionResult> {
  const random = new Random(settings.seed);
  const kernelInitializer = registry.create('initializer', settings.initializer);
  const range = registry.info('activation', settings.activation).metadata?.range;
  const layers: Module[] = [];
  for (let i = 0; i < settings.depth; i++) {
    layers.push(
      new Dense({
        units: settings.width,
        kernelInitializer,
        useBias: false,
        random: random.fork('layer', i),
        path: `layers.${2 * i}`,
      }),
    );
    layers.push(registry.activation(settings.activation));
  }
  const model = new Sequential(layers);
  try {
    const input = random.fork('input').normalTensor([settings.samples, settings.width]);
    const outputs = tf.tidy(() =>
      model.applyAll(input).filter((_, index) => index > 0 && index % 2 === 0),
    );
    input.dispose();
    const data = await Promise.all(outputs.map((output) => output.data()));
    const moments = outputs.map((output) => tf.tidy(() => tf.moments(output)));
    const stats = await Promise.all(
      moments.map(
        async ({ mean, variance }) =>
          [(await mean.data())[0]!, Math.sqrt((await variance.data())[0]!)] as const,
      ),
    );
    tf.dispose([...outputs, ...moments.flatMap(({ mean, variance }) => [mean, variance])]);

    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const values of data) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v < low) low = v;
        if (v > high) high = v;
      }
    }
    const edges = binEdges(range, low, high, settings.bins);
    const saturated = saturationTest(range);
    return {
      edges,
      layers: data.map((values, index) => {
        let atEnd = 0;
        for (let i = 0; i < values.length; i++) if (saturated(values[i]!)) atEnd += 1;
        let deadUnits = 0;
        for (let unit = 0; unit < settings.width; unit++) {
          const first = values[unit]!;
          let constant = true;
          for (let row = 1; row < settings.samples && constant; row++)
            constant = values[row * settings.width + unit] === first;
          if (constant) deadUnits += 1;
        }
        return {
          layer: index + 1,
          mean: stats[index]![0],
          std: stats[index]![1],
          saturated: atEnd / values.length,
          dead: deadUnits / settings.width,
          counts: histogram(values, edges),
        };
      }),
    };
  } finally {
    model.dispose();
  }
}
