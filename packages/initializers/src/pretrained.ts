import {
  decodeSafetensors,
  defineInitializer,
  editDistance,
  FaninError,
  type Initializer,
  option,
  ShapeError,
  type TensorRecord,
  tf,
} from '@fanin/core';

/** Where a parameter's stored tensor is found and how it is laid out. */
export interface PretrainedOptions {
  /** Look up this tensor name for every parameter, instead of the parameter's own name. */
  readonly key?: string | undefined;
  /** Prepended to the parameter's name to form the tensor name (e.g. "encoder."). */
  readonly prefix?: string | undefined;
  /**
   * `fanin` (default): tensors are stored as fanin lays them out ([in, out],
   * [...kernel, in, out]). `pytorch`: stored as PyTorch does ([out, in], [out, in, ...kernel])
   * and transposed on load; rank 0 and 1 tensors are the same in both.
   */
  readonly layout?: 'fanin' | 'pytorch' | undefined;
  /** Names the weights in error messages, e.g. the file path. */
  readonly source?: string | undefined;
}

/** A parameter's name is not among the stored tensors. */
export class MissingWeightError extends FaninError {
  constructor(
    readonly key: string,
    readonly source: string,
    readonly available: readonly string[],
    readonly closest: readonly string[],
  ) {
    const near = closest.length > 0 ? ` Closest: ${closest.join(', ')}` : ' It holds no tensors';
    super(
      'MISSING_WEIGHT',
      `no tensor "${key}" in ${source} (${available.length} tensors).${near}`,
      'Name the layer so its parameters match (Dense "path"), or set "prefix" or "key"',
    );
  }
}

/** The up to five stored names closest to `key` by edit distance. */
function closestNames(key: string, names: readonly string[]): string[] {
  return names
    .map((name) => ({ name, distance: editDistance(key, name) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 5)
    .map(({ name }) => name);
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** PyTorch's [out, in, ...kernel] to fanin's [...kernel, in, out]. */
function pytorchToFanin(rank: number): number[] {
  if (rank < 2) return [];
  return [...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1, 0];
}

/**
 * An initializer that returns stored values, looked up by the parameter's name (the `name`
 * a layer passes to `init`, e.g. "layers.0.kernel"), for weights already decoded (in a
 * browser: `pretrainedInitializer(decodeSafetensors(new Uint8Array(await response.arrayBuffer())))`).
 * Throws {@link MissingWeightError} listing the closest names when a name is absent, and a
 * {@link ShapeError} when the stored shape differs from the parameter's.
 */
export function pretrainedInitializer(
  weights: ReadonlyMap<string, TensorRecord>,
  options: PretrainedOptions = {},
  name = 'pretrained',
): Initializer {
  const source = options.source ?? 'the pretrained weights';
  return {
    name,
    init(shape, { name: parameter }) {
      const key =
        options.key ??
        (parameter === undefined ? undefined : `${options.prefix ?? ''}${parameter}`);
      if (key === undefined) {
        throw new FaninError(
          'MISSING_NAME',
          `initializer "${name}": the parameter has no name to look up in ${source}`,
          'Give the layer a path (Dense { path }) or set "key"',
        );
      }
      const record = weights.get(key);
      if (!record) {
        const available = [...weights.keys()];
        throw new MissingWeightError(key, source, available, closestNames(key, available));
      }
      const stored =
        options.layout === 'pytorch' && record.shape.length >= 2
          ? pytorchToFanin(record.shape.length).map((axis) => record.shape[axis]!)
          : record.shape;
      if (stored.length !== shape.length || stored.some((dim, axis) => dim !== shape[axis])) {
        const transposed = stored.length === 2 && stored[0] === shape[1] && stored[1] === shape[0];
        const hint =
          transposed && options.layout !== 'pytorch'
            ? 'It is the transpose: PyTorch stores Linear weights [out, in]; set layout: "pytorch"'
            : 'Check that the model has the architecture the weights were saved from';
        const target = parameter !== undefined && parameter !== key ? ` for "${parameter}"` : '';
        throw new ShapeError(
          `initializer "${name}": "${key}" in ${source} has shape ${shapeText(stored)}${options.layout === 'pytorch' ? ' (after the PyTorch-to-fanin transpose)' : ''} but the parameter${target} needs ${shapeText(shape)}`,
          hint,
        );
      }
      if (stored === record.shape) return tf.tensor(record.data.slice(), [...shape], 'float32');
      return tf.tidy(() =>
        tf.transpose(
          tf.tensor(record.data, record.shape, 'float32'),
          pytorchToFanin(record.shape.length),
        ),
      );
    },
  };
}

/** Reads a file synchronously in Node without making browser bundles import node:fs. */
function readFileBytes(path: string, subject: string): Uint8Array {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs');
  if (!fs) {
    throw new FaninError(
      'NO_FILESYSTEM',
      `${subject}: reading "path" needs Node.js (>= 20.16), which this runtime is not`,
      'In a browser, fetch the file and use pretrainedInitializer(decodeSafetensors(bytes))',
    );
  }
  try {
    const buffer = fs.readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FaninError(
      'UNREADABLE_FILE',
      `${subject}: cannot read "${path}": ${reason}`,
      'Check the path',
    );
  }
}

/**
 * pretrained: each parameter's values loaded from a safetensors file by the parameter's
 * name (fine-tuning, transfer learning, reproducing a run). The file is read once, when the
 * initializer is created, synchronously through `process.getBuiltinModule('node:fs')` so
 * that browser bundles never import `fs`; create one initializer and pass it to every layer.
 * Files written by `saveWeights` and by PyTorch's `safetensors.torch.save_file` (float32)
 * load as they are (`layout: "pytorch"` transposes PyTorch's [out, in, ...] kernels).
 * In a browser use {@link pretrainedInitializer} with bytes you fetched.
 */
export const pretrained = defineInitializer({
  description:
    'Values loaded from a safetensors file by parameter name (Node; see pretrainedInitializer for browsers)',
  options: {
    path: option.string({
      description: 'Path of the .safetensors file (read once, at creation)',
      nonEmpty: true,
    }),
    key: option.string({
      description: "Tensor name to load instead of the parameter's name (for a single parameter)",
      optional: true,
      nonEmpty: true,
    }),
    prefix: option.string({
      description: 'Prepended to parameter names to form tensor names',
      default: '',
    }),
    layout: option.enum(['fanin', 'pytorch'], {
      description:
        'fanin: stored [in, out] / [...kernel, in, out]; pytorch: stored [out, in, ...kernel], transposed on load',
      default: 'fanin',
    }),
  },
  metadata: { random: false, distribution: 'pretrained' },
  create: ({ path, ...options }, { name }) => {
    const weights = decodeSafetensors(readFileBytes(path, `initializer "${name}"`));
    return pretrainedInitializer(weights, { ...options, source: `"${path}"` }, name);
  },
});
