import {
  type ActivationMetadata,
  type EntryConfig,
  FaninError,
  InvalidOptionError,
  option,
  type Registry,
} from '@fanin/core';

/** An activation as a config accepts it: a name, or `{ type, ...options }`. */
export type ActivationConfig = string | ({ type: string } & Record<string, unknown>);

function isActivationConfig(value: unknown): value is ActivationConfig {
  if (typeof value === 'string') return value.length > 0;
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * Declares an option that names an activation (checked against the registry when the
 * initializer is created).
 */
export function activationOption(description: string) {
  return option.custom<ActivationConfig, { description: string; optional: true }>({
    description,
    optional: true,
    expected: 'an activation name or { "type": name, ...options }',
    schema: {
      oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
      ],
    },
    check: isActivationConfig,
  });
}

/**
 * `torch.nn.init.calculate_gain`'s nonlinearity names that differ from fanin's activation
 * names: the convolutions and transposed convolutions, which PyTorch gives the gain of a
 * linear layer (1), and `leaky_relu`. PyTorch's other names (linear, sigmoid, tanh, relu,
 * selu) are fanin's as they are.
 */
export const PYTORCH_NONLINEARITIES: Readonly<Record<string, string>> = {
  conv1d: 'linear',
  conv2d: 'linear',
  conv3d: 'linear',
  conv_transpose1d: 'linear',
  conv_transpose2d: 'linear',
  conv_transpose3d: 'linear',
  leaky_relu: 'leakyRelu',
};

/**
 * The activation with a PyTorch nonlinearity name replaced by fanin's (`'conv2d'` ->
 * `'linear'`, `{ type: 'leaky_relu', alpha }` -> `{ type: 'leakyRelu', alpha }`), unless the
 * registry has an activation of that name itself.
 */
function fromPytorchName(registry: Registry, activation: ActivationConfig): ActivationConfig {
  const type = typeof activation === 'string' ? activation : activation.type;
  const translated = Object.hasOwn(PYTORCH_NONLINEARITIES, type)
    ? PYTORCH_NONLINEARITIES[type]
    : undefined;
  if (translated === undefined || registry.has('activation', type)) return activation;
  return typeof activation === 'string' ? translated : { ...activation, type: translated };
}

function metadataOf(registry: Registry, name: string): ActivationMetadata {
  const metadata = registry.info('activation', name).metadata;
  if (!metadata || typeof metadata.gain !== 'function') {
    throw new FaninError(
      'MISSING_METADATA',
      `activation "${name}" declares no gain in its metadata`,
      'Declare it with defineActivation({ metadata: { gain, recommendedInitializer, ... } })',
    );
  }
  return metadata;
}

/**
 * Folds PyTorch's `param` into a config: it sets the activation's only numeric option
 * (leakyRelu's slope, elu's alpha).
 */
function withParameter(registry: Registry, activation: ActivationConfig, parameter: number) {
  const { type, ...given } = typeof activation === 'string' ? { type: activation } : activation;
  const name = registry.canonicalName('activation', type);
  const numeric = registry
    .info('activation', name)
    .options.filter((spec) => spec.type === 'number' || spec.type === 'integer');
  if (numeric.length !== 1) {
    const found =
      numeric.length === 0
        ? 'no numeric option'
        : `${numeric.length} numeric options (${numeric.map((spec) => spec.name).join(', ')})`;
    throw new FaninError(
      'INVALID_OPTION',
      `calculateGain: a parameter needs an activation with exactly one numeric option, but "${name}" has ${found}`,
      `Pass the options by name instead: calculateGain(registry, { type: "${name}", ... })`,
    );
  }
  const key = numeric[0]!.name;
  if (key in given) {
    throw new InvalidOptionError(
      `calculateGain("${name}")`,
      key,
      'given once (as the config option or as the parameter, not both)',
      parameter,
    );
  }
  return { ...given, type: name, [key]: parameter };
}

/**
 * The gain of an activation: the factor by which to scale a layer's weights so that the
 * variance of the signal stays stable through it (PyTorch's `torch.nn.init.calculate_gain`).
 * The value comes from the activation's metadata, so it covers every registered activation
 * and follows its options. PyTorch's values: linear and sigmoid 1, tanh 5/3, relu √2,
 * leaky relu √(2/(1 + slope²)), selu 3/4.
 *
 * `activation` is a name or `{ type, ...options }`. `parameter` is PyTorch's `param`: it sets
 * the activation's only numeric option, so `calculateGain(registry, 'leakyRelu', 0.2)` equals
 * `calculateGain(registry, { type: 'leakyRelu', alpha: 0.2 })` (whatever the option's name).
 * PyTorch's nonlinearity names are accepted as aliases (see {@link PYTORCH_NONLINEARITIES}):
 * `calculateGain(registry, 'leaky_relu', 0.2)` as above, `'conv2d'` (and the other
 * convolutions) the gain of `'linear'`, 1.
 *
 * Throws `UnknownEntryError` (with a suggestion) for an unregistered activation and
 * `InvalidOptionError` for invalid options.
 */
export function calculateGain(
  registry: Registry,
  activation: ActivationConfig,
  parameter?: number,
): number {
  const named = fromPytorchName(registry, activation);
  const config = parameter === undefined ? named : withParameter(registry, named, parameter);
  const { name, options } = registry.validate('activation', config as EntryConfig);
  const gain = metadataOf(registry, name).gain(options);
  if (!Number.isFinite(gain) || gain < 0) {
    throw new FaninError(
      'INVALID_METADATA',
      `activation "${name}" reports gain ${gain}; a gain must be a finite number >= 0`,
    );
  }
  return gain;
}

/**
 * The initializer an activation's metadata recommends (He for the ReLU family, Glorot for
 * sigmoid and tanh, LeCun for SELU...), as a config for `registry.create('initializer', ...)`.
 * When that scheme takes a `nonlinearity` option (heNormal, heUniform), the activation is
 * passed along, so the gain follows its options: leakyRelu with alpha 0.2 gives He with
 * gain √(2/1.04), PyTorch's `kaiming_normal_(w, a=0.2)`.
 *
 * ```ts
 * const config = recommendedInitializer(registry, { type: 'leakyRelu', alpha: 0.2 });
 * // { type: 'heNormal', nonlinearity: { type: 'leakyRelu', alpha: 0.2 } }
 * new Dense({ units: 100, kernelInitializer: registry.create('initializer', config) });
 * ```
 */
export function recommendedInitializer(
  registry: Registry,
  activation: ActivationConfig,
): { type: string } & Record<string, unknown> {
  const named = fromPytorchName(registry, activation);
  const { name, options } = registry.validate('activation', named as EntryConfig);
  const recommended = metadataOf(registry, name).recommendedInitializer;
  if (!registry.has('initializer', recommended)) return { type: recommended };
  const initializer = registry.canonicalName('initializer', recommended);
  const takesNonlinearity = registry
    .info('initializer', initializer)
    .options.some((spec) => spec.name === 'nonlinearity');
  if (!takesNonlinearity) return { type: initializer };
  const given = typeof named === 'string' ? {} : (({ type: _, ...rest }) => rest)(named);
  // Only the options the caller set, so the config stays as short as what was asked.
  const kept = Object.fromEntries(Object.keys(given).map((key) => [key, options[key]]));
  return { type: initializer, nonlinearity: { type: name, ...kept } };
}
