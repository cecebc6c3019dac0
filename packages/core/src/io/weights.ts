import * as tf from '@tensorflow/tfjs-core';
import { FaninError, ShapeError } from '../errors.js';
import type { Module } from '../modules/module.js';
import { decodeSafetensors, encodeSafetensors, type TensorRecord } from './safetensors.js';

/** Options for {@link loadWeightsFromBytes}. */
export interface LoadWeightsOptions {
  /**
   * When true (the default), every tensor of the model must be in the file and every tensor
   * of the file must belong to the model, like PyTorch's `load_state_dict(strict=True)`.
   * When false, tensors missing on either side are skipped; shapes must still match.
   */
  readonly strict?: boolean;
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function requireBuilt(module: Module, action: string): void {
  if (!module.built) {
    throw new FaninError(
      'NOT_BUILT',
      `cannot ${action}: the ${module.type} model is not built yet, so it has no parameters`,
      'Build it first with model.ensureBuilt([1, ...inputShape]) or by running it on an input (buildModel does this for you)',
    );
  }
}

/**
 * The model's named tensors (trainable parameters and non-trainable state such as running
 * statistics) encoded as a safetensors file, under their dotted names ("0.kernel").
 */
export function weightsToBytes(
  module: Module,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  requireBuilt(module, 'save weights');
  const records = new Map<string, TensorRecord>();
  for (const { name, variable } of module.namedTensors()) {
    records.set(name, { shape: [...variable.shape], data: variable.dataSync() as Float32Array });
  }
  return encodeSafetensors(records, { format: 'fanin', ...metadata });
}

/**
 * Loads a safetensors file into a built model, matching tensors by dotted name. Everything
 * is checked before anything is assigned, so a failed load leaves the model unchanged.
 * Throws naming a missing or unexpected tensor (strict mode) or a shape mismatch:
 * `0.kernel: expected [784, 100], got [100, 784]`.
 */
export function loadWeightsFromBytes(
  module: Module,
  bytes: Uint8Array,
  options: LoadWeightsOptions = {},
): void {
  requireBuilt(module, 'load weights');
  const strict = options.strict ?? true;
  const records = decodeSafetensors(bytes);
  const targets = module.namedTensors();
  const known = new Set(targets.map((t) => t.name));
  if (strict) {
    const missing = targets.filter((t) => !records.has(t.name)).map((t) => t.name);
    if (missing.length > 0) {
      throw new FaninError(
        'MISSING_WEIGHTS',
        `the weights file has no tensor "${missing[0]}"${
          missing.length > 1
            ? ` (nor ${missing
                .slice(1)
                .map((n) => `"${n}"`)
                .join(', ')})`
            : ''
        }; it holds ${[...records.keys()].map((n) => `"${n}"`).join(', ') || 'nothing'}`,
        'Was it saved from a different architecture? Pass { strict: false } to load only the tensors that match',
      );
    }
    const unexpected = [...records.keys()].filter((name) => !known.has(name));
    if (unexpected.length > 0) {
      throw new FaninError(
        'UNEXPECTED_WEIGHTS',
        `the weights file has tensor "${unexpected[0]}" which the model does not have${
          unexpected.length > 1
            ? ` (nor ${unexpected
                .slice(1)
                .map((n) => `"${n}"`)
                .join(', ')})`
            : ''
        }`,
        'Was it saved from a different architecture? Pass { strict: false } to ignore extra tensors',
      );
    }
  }
  const assignments: { variable: tf.Variable; record: TensorRecord }[] = [];
  for (const { name, variable } of targets) {
    const record = records.get(name);
    if (!record) continue;
    const expected = variable.shape;
    const same =
      expected.length === record.shape.length &&
      expected.every((dim, i) => dim === record.shape[i]);
    if (!same) {
      const transposed =
        expected.length === 2 &&
        record.shape.length === 2 &&
        expected[0] === record.shape[1] &&
        expected[1] === record.shape[0];
      throw new ShapeError(
        `${name}: expected ${formatShape(expected)}, got ${formatShape(record.shape)}`,
        transposed
          ? 'It looks transposed: fanin lays dense kernels out [inputs, units]; PyTorch Linear weights are [out, in], so transpose them before saving'
          : 'The file was saved from a model of a different shape',
      );
    }
    assignments.push({ variable, record });
  }
  for (const { variable, record } of assignments) {
    tf.tidy(() => variable.assign(tf.tensor(record.data, record.shape, 'float32')));
  }
}
