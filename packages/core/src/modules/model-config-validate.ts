import { describeValue, FaninError, InvalidOptionError, UnknownEntryError } from '../errors.js';
import type { EntryReference } from '../options/entry-reference.js';
import type { InputOptions } from '../options/option.js';
import type { Kind } from '../registry/kinds.js';
import type { EntryConfig, EntryInfo, Registry } from '../registry/registry.js';
import { closestMatch } from '../registry/suggest.js';
import type { dense } from './dense-entry.js';

export { NORM_POSITIONS, type NormPosition } from './block-options.js';
export type { EntryReference } from '../options/entry-reference.js';

/**
 * A registered layer written under its own name, its shorthand option as the name's value:
 * `{ "dense": 100, "activation": "relu" }` is the dense entry with `units: 100`.
 */
export type NamedLayerConfig<
  N extends string,
  O extends Record<string, unknown>,
  Shorthand extends keyof O,
> = { readonly [K in N]: O[Shorthand] } & { readonly [K in Exclude<keyof O, Shorthand>]?: O[K] };

/** A fully connected layer with optional initializers, normalization and activation. */
export type DenseLayerConfig = NamedLayerConfig<
  'dense',
  InputOptions<(typeof dense)['options']>,
  'units'
>;

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

/**
 * A residual block: `activation(branch(x) + shortcut(x))`, the shortcut the identity unless
 * given (e.g. a 1x1 conv when the branch changes the shape).
 */
export interface ResidualLayerConfig {
  readonly residual: readonly LayerConfig[];
  readonly shortcut?: readonly LayerConfig[];
  readonly activation?: EntryReference;
}

export type LayerConfig =
  | DenseLayerConfig
  | ActivationLayerConfig
  | NormLayerConfig
  | RegistryLayerConfig
  | ResidualLayerConfig;

/** A model as JSON: an input shape (without the batch axis), an optional seed and its layers in order. */
export interface ModelConfig {
  /** Shape of one example, e.g. [784], or [28, 28, 1] for images (height, width, channels). */
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

/** A validated layer, ready to build: a registry layer entry, a lone activation or norm, or a residual block. */
export type CheckedLayer =
  | { readonly kind: 'layer'; readonly layer: EntryConfig }
  | { readonly kind: 'activation'; readonly activation: EntryConfig }
  | { readonly kind: 'norm'; readonly norm: EntryConfig }
  | {
      readonly kind: 'residual';
      readonly branch: readonly CheckedLayer[];
      readonly shortcut: readonly CheckedLayer[] | undefined;
      readonly activation: EntryConfig | undefined;
    };

export interface CheckedConfig {
  readonly inputShape: number[];
  readonly seed: number | undefined;
  readonly layers: CheckedLayer[];
}

const TOP_KEYS = ['$schema', 'inputShape', 'seed', 'layers'];
/** The keys that are not layer names: the generic, lone and residual forms. */
export const LAYER_FORM_KEYS = ['layer', 'activation', 'norm', 'residual'] as const;
const RESIDUAL_KEYS = ['residual', 'shortcut', 'activation'];

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
  const within = [': ', '.', '['].some(
    (next) => error instanceof Error && error.message.startsWith(path + next),
  );
  if (error instanceof FaninError && !within) error.message = `${path}: ${error.message}`;
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

/** The shorthand option of a layer entry (see `LayerMetadata`). */
export function shorthandOf(info: EntryInfo<'layer'>): string | undefined {
  const shorthand = info.metadata?.shorthand;
  return typeof shorthand === 'string' && info.options.some((o) => o.name === shorthand)
    ? shorthand
    : undefined;
}

/** The layer entries a config layer can name with its own key: every one but the form keys. */
export function namedLayerEntries(registry: Registry): EntryInfo<'layer'>[] {
  return registry
    .list('layer')
    .filter((info) => !(LAYER_FORM_KEYS as readonly string[]).includes(info.name));
}

/**
 * Validates a layer entry config and the entries its options name. `keyOf` maps an option
 * name to the key the user wrote (the layer's name for its shorthand option); with
 * `named`, option errors are reported at `path.key` as the config's own.
 */
function checkEntry(
  registry: Registry,
  config: Record<string, unknown> & { type: string },
  path: string,
  keyOf: (option: string) => string,
  named: boolean,
): EntryConfig {
  try {
    registry.validate('layer', config);
  } catch (error) {
    if (named && error instanceof InvalidOptionError) {
      const spec = registry.info('layer', config.type).options.find((o) => o.name === error.path);
      const suggestion =
        spec?.type === 'enum' && typeof error.received === 'string'
          ? closestMatch(
              error.received,
              (spec.expected.match(/"[^"]*"/g) ?? []).map((q) => q.slice(1, -1)),
            )
          : undefined;
      throw new ModelConfigError(
        `${path}.${keyOf(error.path)}`,
        `must be ${error.expected}, got ${describeValue(error.received)}${suggestion ? `. Did you mean "${suggestion}"?` : ''}`,
      );
    }
    throw atPath(error instanceof UnknownEntryError ? `${path}.layer` : path, error);
  }
  for (const option of registry.info('layer', config.type).options) {
    const value = config[option.name];
    if (option.reference && value !== undefined)
      checkReference(registry, option.reference, value, `${path}.${keyOf(option.name)}`);
  }
  return config;
}

function checkGenericLayer(registry: Registry, raw: Record<string, unknown>, path: string) {
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
  return checkEntry(registry, { ...options, type: layer }, path, (o) => o, false);
}

function checkNamedLayer(
  registry: Registry,
  raw: Record<string, unknown>,
  name: string,
  path: string,
): EntryConfig {
  const info = registry.info('layer', name);
  const shorthand = shorthandOf(info);
  const { [name]: value, ...options } = raw;
  checkKeys(raw, [name, ...info.options.map((o) => o.name).filter((o) => o !== shorthand)], path);
  if (shorthand === undefined && value !== true) {
    throw new ModelConfigError(
      `${path}.${name}`,
      `must be true (the layer's options go beside it), got ${describeValue(value)}`,
    );
  }
  const config = { ...options, type: info.name, ...(shorthand ? { [shorthand]: value } : {}) };
  return checkEntry(registry, config, path, (o) => (o === shorthand ? name : o), true);
}

function checkLayers(registry: Registry, raw: unknown, path: string): CheckedLayer[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ModelConfigError(
      path,
      `must be a non-empty array of layers, got ${describeValue(raw)}`,
    );
  }
  return raw.map((layer, index) => checkLayer(registry, layer, `${path}[${index}]`));
}

/** The layer that owns an option of this name, to say which key a stray option needs. */
function ownerOf(registry: Registry, key: string): { name: string; shorthand: string } | undefined {
  const owners = namedLayerEntries(registry).flatMap((info) => {
    const shorthand = shorthandOf(info);
    return shorthand && info.options.some((o) => o.name === key)
      ? [{ name: info.name, shorthand, order: info.name === 'dense' ? 0 : 1 }]
      : [];
  });
  return owners.sort((a, b) => a.order - b.order)[0];
}

function checkLayer(registry: Registry, raw: unknown, path: string): CheckedLayer {
  if (!isObject(raw)) {
    throw new ModelConfigError(
      path,
      `must be an object such as { "dense": 100, "activation": "relu" }, got ${describeValue(raw)}`,
    );
  }
  if ('layer' in raw) return { kind: 'layer', layer: checkGenericLayer(registry, raw, path) };
  if ('residual' in raw) {
    checkKeys(raw, RESIDUAL_KEYS, path);
    return {
      kind: 'residual',
      branch: checkLayers(registry, raw.residual, `${path}.residual`),
      shortcut:
        raw.shortcut === undefined
          ? undefined
          : checkLayers(registry, raw.shortcut, `${path}.shortcut`),
      activation:
        raw.activation === undefined
          ? undefined
          : checkReference(registry, 'activation', raw.activation, `${path}.activation`),
    };
  }
  const named = Object.keys(raw).filter(
    (key) => registry.has('layer', key) && !(LAYER_FORM_KEYS as readonly string[]).includes(key),
  );
  if (named.length > 1) {
    throw new ModelConfigError(
      path,
      `names two layers, ${named.map((key) => `"${key}"`).join(' and ')}`,
      'Write each as its own layer',
    );
  }
  if (named.length === 1)
    return { kind: 'layer', layer: checkNamedLayer(registry, raw, named[0]!, path) };
  const stray = Object.keys(raw).find((key) => key !== 'activation' && key !== 'norm');
  const owner = stray === undefined ? undefined : ownerOf(registry, stray);
  if (stray !== undefined && owner) {
    const description = registry
      .info('layer', owner.name)
      .options.find((o) => o.name === owner.shorthand)!
      .description.toLowerCase();
    throw new ModelConfigError(
      path,
      `"${stray}" belongs to a ${owner.name} layer, which needs "${owner.name}": <${description}>`,
    );
  }
  if ('activation' in raw && 'norm' in raw) {
    throw new ModelConfigError(
      path,
      'has both "activation" and "norm" without a layer',
      'Write them as two layers, or add "dense": <units> (or "conv2d": <filters>) to make one block',
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
  const forms = [...namedLayerEntries(registry).map((info) => info.name), ...LAYER_FORM_KEYS];
  const keys = Object.keys(raw);
  const suggestion = keys.map((key) => closestMatch(key, forms)).find(Boolean);
  const got =
    keys.length > 0 ? `, got keys ${keys.map((key) => `"${key}"`).join(', ')}` : ', got {}';
  const did = suggestion ? `. Did you mean "${suggestion}"?` : '';
  const list = forms.map((form) => `"${form}"`);
  throw new ModelConfigError(
    path,
    `a layer needs one of ${list.slice(0, -1).join(', ')} or ${list.at(-1)}${got}${did}`,
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
  return {
    inputShape: [...inputShape],
    seed,
    layers: checkLayers(registry, layers, 'layers'),
  };
}
