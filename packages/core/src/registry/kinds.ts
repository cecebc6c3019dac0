import type { Tensor } from '@tensorflow/tfjs-core';
import type { Loss } from '../losses/loss.js';
import type { Initializer } from '../modules/initializer.js';
import type { Module } from '../modules/module.js';
import type { Optimizer } from '../optimizers/optimizer.js';

/** The kinds of entries a plugin can provide, in the order they are listed. */
export const KINDS = [
  'activation',
  'initializer',
  'normalization',
  'layer',
  'optimizer',
  'loss',
  'sampler',
  'pruner',
  'dataset',
  'backend',
] as const;

export type Kind = (typeof KINDS)[number];

/** The key under which a plugin object lists its entries of each kind. */
export const PLURAL = {
  activation: 'activations',
  initializer: 'initializers',
  normalization: 'normalizations',
  layer: 'layers',
  optimizer: 'optimizers',
  loss: 'losses',
  sampler: 'samplers',
  pruner: 'pruners',
  dataset: 'datasets',
  backend: 'backends',
} as const satisfies Record<Kind, string>;

export type PluralKind = (typeof PLURAL)[Kind];

/**
 * Properties of an activation function that the CLI, the docs and the initializers read
 * (for example `calculateGain` and the recommended initializer).
 */
export interface ActivationMetadata {
  /** Output range [min, max]; infinite ends as -Infinity / Infinity. */
  readonly range: readonly [number, number];
  readonly zeroCentered: boolean;
  /** Whether the gradient vanishes for large |x| on at least one side. */
  readonly saturating: boolean;
  /** Whether the function is continuously differentiable everywhere. */
  readonly smooth: boolean;
  readonly monotonic: boolean;
  /** Registry name of the initializer that suits this activation (e.g. heNormal for relu). */
  readonly recommendedInitializer: string;
  /**
   * The gain that keeps activation variance stable through a layer (PyTorch's
   * `calculate_gain`), as a function of the entry's resolved options.
   */
  readonly gain: (options: Record<string, unknown>) => number;
  /** Whether the activation has learnable parameters (prelu, maxout). */
  readonly learnable?: boolean;
}

/** Properties of an initializer, shown by the CLI and docs. */
export interface InitializerMetadata {
  /** Whether the values are random (and so drawn from the seeded stream). */
  readonly random: boolean;
  /** Name of the distribution, for docs: "normal", "uniform", "truncatedNormal", "constant", ... */
  readonly distribution: string;
}

/** Properties of a layer entry that the model config reads. */
export interface LayerMetadata {
  /**
   * The option the entry's own name carries in a model config: with `"units"`, the config
   * layer `{ "dense": 100 }` is `{ "type": "dense", "units": 100 }`. Without one, the layer is
   * written `{ "flatten": true }`.
   */
  readonly shorthand?: string;
  readonly [key: string]: unknown;
}

/** A backend entry: something that can be loaded and made current by `useBackend`. */
export interface BackendEntryValue {
  readonly name: string;
  /** Whether the backend's package can be loaded in this runtime. */
  isAvailable(): Promise<boolean>;
  /** Makes it the current tfjs backend (see `useBackend`); resolves to its name. */
  use(): Promise<string>;
}

/**
 * What each kind's `create` returns and what its metadata holds. Packages that own a kind's
 * value type add it by declaration merging (`@fanin/search` adds `sampler` and `pruner`).
 */
export interface KindTypes {
  activation: { value: Module; metadata: ActivationMetadata };
  initializer: { value: Initializer; metadata: InitializerMetadata };
  normalization: { value: Module; metadata: Record<string, unknown> };
  layer: { value: Module; metadata: LayerMetadata };
  optimizer: { value: Optimizer; metadata: Record<string, unknown> };
  loss: { value: Loss; metadata: Record<string, unknown> };
  backend: { value: BackendEntryValue; metadata: Record<string, unknown> };
}

export type ValueOf<K extends Kind> = K extends keyof KindTypes ? KindTypes[K]['value'] : unknown;
export type MetadataOf<K extends Kind> = K extends keyof KindTypes
  ? KindTypes[K]['metadata']
  : Record<string, unknown>;

/** A tensor function, the simplest thing an activation can wrap. */
export type TensorFunction = (x: Tensor) => Tensor;
