import { type EntryConfig, option, Random, type Registry, type Tensor, tf } from '@fanin/core';
import { referenceLabel, referenceListOption } from '../shared/options.js';
import { jsonNumber } from '../shared/plot.js';
import { finiteExtent, histogram } from '../shared/statistics.js';
import { defineExperiment } from '../shared/experiment.js';
import { type LayerStatistics, layerStatistics, saturationBand } from './layer-statistics.js';
import { activationDistributionPlots } from './plots.js';
import { checkValueCount, MAX_TENSOR_VALUES } from '../shared/size-limit.js';

/** The widest layer (and the most samples): MAX_SIDE^2 = MAX_TENSOR_VALUES, one weight matrix. */
const MAX_SIDE = Math.sqrt(MAX_TENSOR_VALUES);

/** Options of {@link activationDistributions}. */
export const activationDistributionsOptions = {
  initializers: referenceListOption('initializer', {
    description:
      'Weight initializers to compare (rows of each grid): registry names or { type, ...options }',
    default: [
      { type: 'normal', std: 1 },
      { type: 'normal', std: 0.01 },
      'xavierNormal',
      'heNormal',
    ],
  }),
  activations: referenceListOption('activation', {
    description: 'Activations to compare (one grid each): registry names or { type, ...options }',
    default: ['sigmoid', 'tanh', 'relu'],
  }),
  samples: option.integer({
    description: 'Number of input samples, each drawn from N(0, 1) in every coordinate',
    default: 1000,
    min: 1,
    max: MAX_SIDE,
  }),
  units: option.integer({
    description: `Units per layer (also the input width); at most ${MAX_SIDE}, so that a weight matrix fits in one tensor`,
    default: 100,
    min: 1,
    max: MAX_SIDE,
  }),
  layers: option.integer({ description: 'Number of layers', default: 5, min: 1, max: 1000 }),
  bins: option.integer({ description: 'Histogram bins per layer', default: 30, min: 1 }),
  saturationMargin: option.number({
    description:
      'A value of a bounded activation within this distance of an end of its range counts as saturated (0.01: sigmoid < 0.01 or > 0.99, tanh |a| > 0.99)',
    default: 0.01,
    greaterThan: 0,
  }),
  seed: option.integer({ description: 'Seed of the inputs and weights', default: 0, min: 0 }),
} as const;

/** One histogram bin of one layer of one (activation, initializer) pair. */
export interface HistogramBin {
  readonly activation: string;
  readonly initializer: string;
  readonly layer: number;
  readonly binStart: number;
  readonly binEnd: number;
  readonly count: number;
  /** count / (samples × units). */
  readonly share: number;
}

/** The activations of one (activation, initializer) pair, layer by layer. */
export interface DistributionCell {
  readonly activation: string;
  readonly initializer: string;
  /** [low, high] of the histogram bins (the activation's range when bounded). */
  readonly histogramRange: [number | null, number | null];
  readonly layers: LayerStatistics[];
}

/** Per-layer activations of a deep network for every initializer × activation pair. */
function forwardLayers(
  input: Tensor,
  kernels: readonly Tensor[],
  activation: (x: Tensor, layer: number) => Tensor,
): Float32Array[] {
  const outputs: Float32Array[] = [];
  let x = input;
  kernels.forEach((kernel, index) => {
    const next = tf.tidy(() => activation(tf.matMul(x, kernel), index));
    if (x !== input) x.dispose();
    x = next;
    outputs.push((x.dataSync() as Float32Array).slice());
  });
  if (x !== input) x.dispose();
  return outputs;
}

/**
 * The classic activation-distribution experiment: 1000 samples of N(0, 1) input go through
 * 5 layers of 100 units (x ← act(x W), no bias, as in the classic numpy code), once per
 * initializer × activation pair, and each layer's activations are histogrammed and
 * summarized (mean, std, share saturated, share dead).
 *
 * What it reproduces (the classic figures): with weights of std 1, sigmoid activations pile
 * up at 0 and 1 (saturated: vanishing gradients); with std 0.01 they collapse onto 0.5 (no
 * expressiveness: every unit outputs the same); Xavier (std 1/√n) keeps tanh's spread
 * across layers; with relu, Xavier lets the spread shrink layer by layer (relu halves the
 * variance) while He (std √(2/n)) keeps it, with about half of the values exactly 0.
 *
 * Seeding: the input comes from `Random(seed).fork("input")` and layer l's weights from
 * `Random(seed).fork("weights", l)` for every initializer, so the normal initializers of
 * different std draw the same underlying normals and differ only in scale.
 */
export const activationDistributionsExperiment = defineExperiment({
  name: 'activationDistributions',
  description:
    'Per-layer histograms and statistics of activations in a deep network for each initializer x activation pair',
  options: activationDistributionsOptions,
  light: true,
  quick: { samples: 500, units: 100, layers: 5 },
  async body(config, session) {
    checkValueCount(
      'activationDistributions',
      'samples x units x layers (the activations kept for the histograms of one cell)',
      config.samples * config.units * config.layers,
      'Use fewer samples, units or layers',
    );
    const { registry } = session;
    const root = new Random(config.seed);
    const shape = [config.units, config.units];
    const input = root.fork('input').normalTensor([config.samples, config.units]);
    const total = config.initializers.length * config.activations.length;
    const cells: DistributionCell[] = [];
    const histograms: HistogramBin[] = [];
    try {
      for (const activationReference of config.activations) {
        const activationName = registry.canonicalName(
          'activation',
          typeof activationReference === 'string' ? activationReference : activationReference.type,
        );
        const range = registry.info('activation', activationName).metadata?.range;
        const band = saturationBand(range, config.saturationMargin);
        for (const initializerReference of config.initializers) {
          session.checkAbort('forward');
          const activationLabel = referenceLabel(activationReference);
          const initializerLabel = referenceLabel(initializerReference);
          const outputs = runCell(
            registry,
            input,
            initializerReference,
            activationReference,
            config.layers,
            shape,
            root,
          );
          const [low, high] = band
            ? [band.low, band.high]
            : outputs.reduce<[number, number]>(
                ([a, b], values) => {
                  const [min, max] = finiteExtent(values);
                  return [Math.min(a, min), Math.max(b, max)];
                },
                [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
              );
          const hasRange = Number.isFinite(low) && Number.isFinite(high);
          const layers = outputs.map((values, index) => {
            if (hasRange) {
              const counts = histogram(values, low, high, config.bins);
              const width = (high - low) / config.bins;
              counts.forEach((count, bin) => {
                histograms.push({
                  activation: activationLabel,
                  initializer: initializerLabel,
                  layer: index + 1,
                  binStart: low + bin * width,
                  binEnd: low + (bin + 1) * width,
                  count,
                  share: count / values.length,
                });
              });
            }
            return layerStatistics(index + 1, values, config.units, band);
          });
          cells.push({
            activation: activationLabel,
            initializer: initializerLabel,
            histogramRange: [jsonNumber(low), jsonNumber(high)],
            layers,
          });
          session.progress(
            'forward',
            cells.length,
            total,
            `${activationLabel} with ${initializerLabel}: layer ${config.layers} std ${formatStd(layers[layers.length - 1]!.std)}`,
          );
        }
      }
    } finally {
      input.dispose();
    }
    return {
      cells,
      histograms,
      plots: activationDistributionPlots(cells, histograms, config.activations.map(referenceLabel)),
    };
  },
});

function formatStd(std: number | null): string {
  return std === null ? 'n/a' : std.toPrecision(3);
}

function runCell(
  registry: Registry,
  input: Tensor,
  initializerReference: EntryConfig,
  activationReference: EntryConfig,
  layers: number,
  shape: number[],
  root: Random,
): Float32Array[] {
  const initializer = registry.create('initializer', initializerReference);
  const kernels = Array.from({ length: layers }, (_, layer) =>
    initializer.init(shape, { random: root.fork('weights', layer), name: `${layer}.kernel` }),
  );
  const modules = Array.from({ length: layers }, (_, layer) =>
    registry.create('activation', activationReference, {
      random: root.fork('activation', layer),
      path: `${layer}.activation`,
    }),
  );
  try {
    return forwardLayers(input, kernels, (x, layer) => modules[layer]!.apply(x));
  } finally {
    tf.dispose(kernels);
    for (const module of modules) module.dispose();
  }
}

/**
 * Runs the activation-distribution experiment (see {@link activationDistributionsExperiment}).
 *
 * ```ts
 * const result = await activationDistributions({ activations: ['tanh'], initializers: ['xavierNormal'] });
 * result.cells[0].layers[4].std; // spread of layer 5
 * ```
 */
export const activationDistributions = activationDistributionsExperiment.run;
