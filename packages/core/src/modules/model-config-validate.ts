import { describeValue, FaninError, UnknownPluginError } from '../errors.js';
import type { Kind } from '../registry/kinds.js';
import type { EntryConfig, Registry } from '../registry/registry.js';
import { closestMatch } from '../registry/suggest.js';

/** A reference to a registry entry: its name, or `{ "type": name, ...options }`. */
export type EntryReference =
  | string
  | ({ readonly type: string } & Readonly<Record<string, unknown>>);

/** Where a dense layer's normalization goes relative to its activation. */
export const NORM_POSITIONS = ['beforeActivation', 'afterActivation'] as const;
export type NormPosition = (typeof NORM_POSITIONS)[number];

/** A fully connected layer with optional initializers, normalization and activation. */
export interface DenseLayerConfig {
  /** Number of units. */
  readonly dense: number;
  readonly activation?: EntryReference;
  /** Kernel initializer (default Glorot uniform, as Keras). */
  readonly init?: EntryReference;
  /** Bias initializer (default zeros). */
  readonly biasInit?: EntryReference;
  /** Whether to add a bias (default true). */
  readonly bias?: boolean;
  readonly norm?: EntryReference;
  /** Default "beforeActivation" (dense, norm, activation), as Ioffe & Szegedy. */
  readonly normPosition?: NormPosition;
}

/** An activation on its own. */
export interface ActivationLayerConfig {
  readonly activation: EntryReference;
}

/** A normalization on its own. */
export interface NormLayerConfig {
  readonly norm: EntryReference;
}

/** Any registered layer, its options beside the name: `{ "layer": "maxout", "pieces": 2 }`. */
export type RegistryLayerConfig = { readonly layer: string } & Readonly<Record<string, unknown>>;

export type LayerConfig =
  | DenseLayerConfig
  | ActivationLayerConfig
  | NormLayerConfig
  | RegistryLayerConfig;

/** A model as JSON: an input shape (without the batch axis), an optional seed and its layers in order. */
export interface ModelConfig {
  /** Shape of one example, e.g. [784]. */
  readonly inputShape: readonly number[];
  /** Seed of the initial weights (default 0; `buildModel`'s `seed` option wins). */
  readonly seed?: number;
  readonly layers: readonly LayerConfig[];
  /** A JSON Schema reference for editors; ignored. */
  readonly $schema?: string;
}

/** A model config that cannot be built; the message starts with the path of the offending value. */
export class ModelConfigError extends FaninError {
  constructor(
    readonly path: string,
    message: string,
    hint?: string,
  ) {
    super('INVALID_MODEL_CONFIG', `${path}: ${message}`, hint);
  }
}

/** A validated layer, ready to build. */
export type CheckedLayer =
  | {
      readonly kind: 'dense';
      readonly units: number;
      readonly activation?: EntryConfig;
      readonly init?: EntryConfig;
      readonly biasInit?: EntryConfig;
      readonly bias: boolean;
      readonly norm?: EntryConfig;
      readonly normPosition: NormPosition;
    }
  | { readonly kind: 'activation'; readonly activation: EntryConfig }
  | { readonly kind: 'norm'; readonly norm: EntryConfig }
  | { readonly kind: 'layer'; readonly layer: EntryConfig };

export interface CheckedConfig {
  readonly inputShape: number[];
  readonly seed: number | undefined;
  readonly layers: CheckedLayer[];
}

const TOP_KEYS = ['$schema', 'inputShape', 'seed', 'layers'];
const DENSE_KEYS = ['dense', 'activation', 'init', 'biasInit', 'bias', 'norm', 'normPosition'];
const DENSE_ONLY_KEYS = ['init', 'biasInit', 'bias', 'normPosition'];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const suggestion = closestMatch(key, allowed);
    throw new ModelConfigError(
      path,
      `unknown key "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Allowed: ${allowed.join(', ')}`,
    );
  }
}

/** Prefixes a FaninError's message with a config path, keeping its class and fields. */
export function atPath<E>(path: string, error: E): E {
  if (error instanceof FaninError && !error.message.startsWith(`${path}: `))
    error.message = `${path}: ${error.message}`;
  return error;
}

/** Validates a registry reference (name and options) without creating anything. */
function checkReference(registry: Registry, kind: Kind, value: unknown, path: string): EntryConfig {
  if (typeof value !== 'string' && !isObject(value)) {
    const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
    throw new ModelConfigError(
      path,
      `must be ${article} ${kind} name or an object with "type", got ${describeValue(value)}`,
    );
  }
  try {
    registry.validate(kind, value as EntryConfig);
  } catch (error) {
    throw atPath(path, error);
  }
  return value as EntryConfig;
}

function checkLayer(registry: Registry, raw: unknown, path: string): CheckedLayer {
  if (!isObject(raw)) {
    throw new ModelConfigError(
      path,
      `must be an object such as { "dense": 100, "activation": "relu" }, got ${describeValue(raw)}`,
    );
  }
  if ('layer' in raw) {
    const { layer, ...options } = raw;
    if (typeof layer !== 'string' || layer.length === 0)
      throw new ModelConfigError(
        `${path}.layer`,
        `must be a layer name, got ${describeValue(layer)}`,
      );
    if ('type' in options) {
      throw new ModelConfigError(
        path,
        'has both "layer" and "type"',
        'Name the layer with "layer" only: { "layer": "maxout", ...options }',
      );
    }
    const config = { ...options, type: layer };
    try {
      registry.validate('layer', config);
    } catch (error) {
      throw atPath(error instanceof UnknownPluginError ? `${path}.layer` : path, error);
    }
    return { kind: 'layer', layer: config };
  }
  if ('dense' in raw) {
    checkKeys(raw, DENSE_KEYS, path);
    const units = raw.dense;
    if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) {
      throw new ModelConfigError(
        `${path}.dense`,
        `the number of units must be a positive integer, got ${describeValue(units)}`,
      );
    }
    if (raw.bias !== undefined && typeof raw.bias !== 'boolean') {
      throw new ModelConfigError(
        `${path}.bias`,
        `must be true or false, got ${describeValue(raw.bias)}`,
      );
    }
    const position = raw.normPosition ?? 'beforeActivation';
    if (!NORM_POSITIONS.includes(position as NormPosition)) {
      const suggestion =
        typeof position === 'string' ? closestMatch(position, NORM_POSITIONS) : undefined;
      const did = suggestion ? `. Did you mean "${suggestion}"?` : '';
      throw new ModelConfigError(
        `${path}.normPosition`,
        `must be "beforeActivation" or "afterActivation", got ${describeValue(position)}${did}`,
      );
    }
    return {
      kind: 'dense',
      units,
      bias: raw.bias ?? true,
      normPosition: position as NormPosition,
      ...(raw.init !== undefined
        ? { init: checkReference(registry, 'initializer', raw.init, `${path}.init`) }
        : {}),
      ...(raw.biasInit !== undefined
        ? { biasInit: checkReference(registry, 'initializer', raw.biasInit, `${path}.biasInit`) }
        : {}),
      ...(raw.norm !== undefined
        ? { norm: checkReference(registry, 'normalization', raw.norm, `${path}.norm`) }
        : {}),
      ...(raw.activation !== undefined
        ? {
            activation: checkReference(
              registry,
              'activation',
              raw.activation,
              `${path}.activation`,
            ),
          }
        : {}),
    };
  }
  const misplaced = Object.keys(raw).find((key) => DENSE_ONLY_KEYS.includes(key));
  if (misplaced) {
    throw new ModelConfigError(
      path,
      `"${misplaced}" belongs to a dense layer, which needs "dense": <number of units>`,
    );
  }
  if ('activation' in raw && 'norm' in raw) {
    throw new ModelConfigError(
      path,
      'has both "activation" and "norm" without "dense"',
      'Write them as two layers, or add "dense": <units> to make one dense block',
    );
  }
  if ('activation' in raw) {
    checkKeys(raw, ['activation'], path);
    return {
      kind: 'activation',
      activation: checkReference(registry, 'activation', raw.activation, `${path}.activation`),
    };
  }
  if ('norm' in raw) {
    checkKeys(raw, ['norm'], path);
    return {
      kind: 'norm',
      norm: checkReference(registry, 'normalization', raw.norm, `${path}.norm`),
    };
  }
  const keys = Object.keys(raw);
  const suggestion = keys
    .map((key) => closestMatch(key, ['dense', 'layer', 'activation', 'norm']))
    .find(Boolean);
  const got =
    keys.length > 0 ? `, got keys ${keys.map((key) => `"${key}"`).join(', ')}` : ', got {}';
  const did = suggestion ? `. Did you mean "${suggestion}"?` : '';
  throw new ModelConfigError(
    path,
    `a layer needs one of "dense", "layer", "activation" or "norm"${got}${did}`,
  );
}

/**
 * Validates a whole model config against a registry without creating anything. Throws a
 * {@link ModelConfigError} (or the registry's error, prefixed with the path) on the first
 * problem: `layers[2].activation: unknown activation "rellu". Did you mean "relu"? ...`.
 */
export function checkModelConfig(config: unknown, registry: Registry): CheckedConfig {
  if (!isObject(config))
    throw new ModelConfigError(
      'model config',
      `must be an object with "inputShape" and "layers", got ${describeValue(config)}`,
    );
  checkKeys(config, TOP_KEYS, 'model config');
  const { inputShape, seed, layers } = config;
  if (
    !Array.isArray(inputShape) ||
    inputShape.length === 0 ||
    !inputShape.every((dim) => Number.isInteger(dim) && dim > 0)
  ) {
    throw new ModelConfigError(
      'inputShape',
      `must be a non-empty array of positive integers (one example's shape, without the batch axis), got ${describeValue(inputShape)}`,
    );
  }
  if (
    seed !== undefined &&
    (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
  ) {
    throw new ModelConfigError(
      'seed',
      `must be an integer from 0 to 2^32 - 1, got ${describeValue(seed)}`,
    );
  }
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new ModelConfigError(
      'layers',
      `must be a non-empty array of layers, got ${describeValue(layers)}`,
    );
  }
  return {
    inputShape: [...inputShape],
    seed,
    layers: layers.map((layer, index) => checkLayer(registry, layer, `layers[${index}]`)),
  };
}
