import {
  type ActivationMetadata,
  type EntryConfig,
  grad,
  option,
  Random,
  type Tensor,
  tf,
} from '@fanin/core';
import { ExperimentConfigError } from '../shared/errors.js';
import { isEntryReference, referenceLabel } from '../shared/options.js';
import { jsonNumber } from '../shared/plot.js';
import { linearSpace } from '../shared/statistics.js';
import { defineExperiment } from '../shared/experiment.js';
import { activationCataloguePlots } from './plots.js';

/** Options of {@link activationCatalogue}. */
export const activationCatalogueOptions = {
  activations: option.array(
    option.custom<EntryConfig, { description: string }>({
      description: 'an activation name or { "type": name, ...options }',
      expected: 'activation name or object with "type"',
      schema: {
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
        ],
      },
      check: isEntryReference,
    }),
    {
      description:
        'Activations to show (registry names or { type, ...options }); empty for every registered one',
      default: [],
    },
  ),
  min: option.number({ description: 'Smallest input', default: -5 }),
  max: option.number({ description: 'Largest input', default: 5 }),
  points: option.integer({
    description: 'Inputs evenly spaced from min to max',
    default: 201,
    min: 2,
  }),
  seed: option.integer({
    description: 'Seed of the initial parameters of learnable activations (maxout, prelu)',
    default: 0,
    min: 0,
  }),
} as const;

/** What the registry says about an activation, as JSON. */
export interface ActivationFacts {
  /** Output range; null for an infinite end. */
  readonly range: [number | null, number | null] | null;
  readonly zeroCentered: boolean | null;
  readonly saturating: boolean | null;
  readonly smooth: boolean | null;
  readonly monotonic: boolean | null;
  readonly recommendedInitializer: string | null;
  /** The gain that keeps the variance through a layer (PyTorch's calculate_gain). */
  readonly gain: number | null;
  readonly learnable: boolean;
}

/** One activation of the catalogue. */
export interface CatalogueEntry {
  /** As given ("leakyRelu(alpha=0.2)"), or the registry name. */
  readonly activation: string;
  /** Canonical registry name. */
  readonly name: string;
  readonly description: string;
  readonly facts: ActivationFacts;
  /** f(x) at each input (null where not finite). */
  readonly value: (number | null)[];
  /** f'(x) at each input, by autograd (null where not finite). */
  readonly derivative: (number | null)[];
}

/**
 * Values and derivatives of activations over a range of inputs, with their registry facts
 * (range, zero-centered, saturating, smooth, monotonic, recommended initializer, gain).
 *
 * Each activation is applied to rows [x, 0] and the first output column is reported, with
 * its derivative d out[0] / dx by autograd. For elementwise activations that is f(x) and
 * f'(x); softmax gives the probability of the first of two logits (the sigmoid of x),
 * logSoftmax its log, and maxout (2 pieces over the 2 inputs, seeded) one learned convex
 * piecewise-linear function. Derivatives at kinks follow each activation's convention
 * (relu'(0) = 0).
 */
export const activationCatalogueExperiment = defineExperiment({
  name: 'activationCatalogue',
  description: 'Values and derivatives of every registered activation over a range of inputs',
  options: activationCatalogueOptions,
  light: true,
  quick: {},
  async body(config, session) {
    const { registry } = session;
    if (!(config.min < config.max)) {
      throw new ExperimentConfigError(
        'activationCatalogue',
        `min (${config.min}) must be below max (${config.max})`,
      );
    }
    const references: EntryConfig[] =
      config.activations.length > 0
        ? config.activations
        : registry.list('activation').map((info) => info.name);
    const x = linearSpace(config.min, config.max, config.points);
    const root = new Random(config.seed);
    const entries: CatalogueEntry[] = [];
    const skipped: { activation: string; reason: string }[] = [];
    for (const [index, reference] of references.entries()) {
      session.checkAbort('evaluate');
      const label = referenceLabel(reference);
      let module: ReturnType<typeof registry.activation> | undefined;
      try {
        const { name, options } = registry.validate('activation', reference);
        module = registry.create('activation', reference, {
          random: root.fork(label),
          path: label,
        });
        const activation = module;
        const input = tf.tensor1d(x);
        const firstColumn = (t: Tensor) =>
          tf.squeeze(
            tf.slice(activation.apply(tf.stack([t, tf.zerosLike(t)], 1)), [0, 0], [-1, 1]),
            [1],
          );
        const [value, derivative] = tf.tidy(() => [
          firstColumn(input).dataSync(),
          grad(firstColumn)(input).dataSync(),
        ]);
        input.dispose();
        const info = registry.info('activation', name);
        entries.push({
          activation: label,
          name,
          description: info.description,
          facts: facts(info.metadata, options),
          value: [...value].map((v) => jsonNumber(v)),
          derivative: [...derivative].map((v) => jsonNumber(v)),
        });
      } catch (error) {
        if (config.activations.length > 0) throw error;
        skipped.push({
          activation: label,
          reason: error instanceof Error ? error.message : String(error),
        });
      } finally {
        module?.dispose();
      }
      session.progress('evaluate', index + 1, references.length, label);
    }
    return { x, activations: entries, skipped, plots: activationCataloguePlots(x, entries) };
  },
});

function facts(
  metadata: ActivationMetadata | undefined,
  options: Record<string, unknown>,
): ActivationFacts {
  if (!metadata) {
    return {
      range: null,
      zeroCentered: null,
      saturating: null,
      smooth: null,
      monotonic: null,
      recommendedInitializer: null,
      gain: null,
      learnable: false,
    };
  }
  return {
    range: [jsonNumber(metadata.range[0]), jsonNumber(metadata.range[1])],
    zeroCentered: metadata.zeroCentered,
    saturating: metadata.saturating,
    smooth: metadata.smooth,
    monotonic: metadata.monotonic,
    recommendedInitializer: metadata.recommendedInitializer,
    gain: jsonNumber(metadata.gain(options)),
    learnable: metadata.learnable ?? false,
  };
}

/**
 * Runs the activation catalogue (see {@link activationCatalogueExperiment}).
 *
 * ```ts
 * const { x, activations } = await activationCatalogue({ activations: ['relu', 'gelu'] });
 * activations[1].derivative; // gelu'(x) at each x
 * ```
 */
export const activationCatalogue = activationCatalogueExperiment.run;
