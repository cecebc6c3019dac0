import { FaninError, ShapeError, tf } from '@fanin/core';

/** The JSON state every fitted feature transform saves: its type and input width. */
export interface FeatureTransformState {
  readonly type: string;
  /** Number of input features the transform was fitted on. */
  readonly features: number;
}

/**
 * A preprocessing step fitted on the training split and applied unchanged to the others
 * (sklearn's fit/transform; fitting on the validation or test split would leak their
 * statistics into training). Input rows are examples: x is `[N, features]`.
 *
 * Statistics are computed in float64 from the training data; transforms run as tensor ops
 * (float32) inside `tf.tidy`, returning one new tensor owned by the caller. The fitted state
 * is plain JSON: `toJSON()` then `preprocessorFromJSON(state)` gives the same transform.
 */
export abstract class FeatureTransform<
  State extends FeatureTransformState = FeatureTransformState,
> {
  /** The transform's name, also the `type` field of its JSON state. */
  abstract readonly type: string;
  /** Fewest training examples the statistics need. */
  protected readonly minimumExamples: number = 1;
  private fittedState: State | undefined;

  /** Whether `fit` (or a restore from JSON) has run. */
  get fitted(): boolean {
    return this.fittedState !== undefined;
  }

  /** The fitted state; throws if the transform is not fitted. */
  get state(): State {
    if (!this.fittedState) {
      throw new FaninError(
        'NOT_FITTED',
        `${this.type}: not fitted yet`,
        `Call fit(trainX) first, or restore it with preprocessorFromJSON(state)`,
      );
    }
    return this.fittedState;
  }

  /** Number of features transform() returns. */
  get outputFeatures(): number {
    return this.state.features;
  }

  /** Learns the statistics from the training examples `x` `[N, features]`. Returns `this`. */
  fit(x: tf.Tensor): this {
    const [rows, columns] = matrixShape(x, `${this.type}.fit`);
    if (rows < this.minimumExamples) {
      throw new ShapeError(
        `${this.type}.fit: needs at least ${this.minimumExamples} examples, got ${rows}`,
      );
    }
    const values = x.dataSync();
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i]!)) {
        throw new ShapeError(
          `${this.type}.fit: x[${Math.floor(i / columns)}, ${i % columns}] is ${values[i]}`,
          'Remove or impute missing values before fitting',
        );
      }
    }
    this.restore(this.computeState(values, rows, columns));
    return this;
  }

  /** Applies the fitted transform to `x` `[M, features]`; returns a new tensor. */
  transform(x: tf.Tensor): tf.Tensor2D {
    this.checkInput(x, 'transform', this.state.features);
    return tf.tidy(() => this.apply(x as tf.Tensor2D));
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: tf.Tensor): tf.Tensor2D {
    return this.fit(x).transform(x);
  }

  /** Maps transformed rows back to the input space (exact unless the transform drops information). */
  inverseTransform(z: tf.Tensor): tf.Tensor2D {
    this.checkInput(z, 'inverseTransform', this.outputFeatures);
    return tf.tidy(() => this.applyInverse(z as tf.Tensor2D));
  }

  /** The fitted state as plain JSON. */
  toJSON(): State {
    return this.state;
  }

  /** Sets the fitted state (from `fit` or from JSON). */
  protected restore(state: State): void {
    this.fittedState = state;
  }

  protected abstract computeState(values: ArrayLike<number>, rows: number, columns: number): State;
  protected abstract apply(x: tf.Tensor2D): tf.Tensor2D;
  protected abstract applyInverse(z: tf.Tensor2D): tf.Tensor2D;

  private checkInput(x: tf.Tensor, method: string, features: number): void {
    const [, columns] = matrixShape(x, `${this.type}.${method}`);
    if (columns !== features) {
      throw new ShapeError(
        `${this.type}.${method}: expected ${features} features, got ${columns}`,
        'Transform data with the same features as the data the transform was fitted on',
      );
    }
  }
}

/** `[rows, columns]` of a 2-D float tensor, or a ShapeError naming `subject`. */
export function matrixShape(x: tf.Tensor, subject: string): [number, number] {
  if (!(x instanceof tf.Tensor) || x.rank !== 2) {
    const shape = x instanceof tf.Tensor ? `shape [${x.shape.join(', ')}]` : 'not a tensor';
    throw new ShapeError(
      `${subject}: expected a 2-D tensor [examples, features], got ${shape}`,
      'Flatten each example first: x.reshape([n, -1])',
    );
  }
  return x.shape as [number, number];
}

/**
 * Checks a JSON state before it is restored: its `type`, a positive whole `features`, and
 * that each array field named by `arrays(state)` holds that many finite numbers.
 */
export function checkState<State extends FeatureTransformState>(
  state: unknown,
  type: State['type'],
  arrays: (state: State) => Record<string, number>,
): asserts state is State {
  const record = state as Record<string, unknown> | null;
  if (record === null || typeof record !== 'object' || record.type !== type) {
    const got =
      record === null || typeof record !== 'object'
        ? String(record)
        : `type ${JSON.stringify(record.type)}`;
    throw new FaninError(
      'INVALID_STATE',
      `${type}: expected a state with type "${type}", got ${got}`,
    );
  }
  if (!Number.isInteger(record.features) || (record.features as number) < 1) {
    throw new FaninError(
      'INVALID_STATE',
      `${type}: state field "features" must be a whole number >= 1, got ${String(record.features)}`,
    );
  }
  for (const [name, length] of Object.entries(arrays(record as unknown as State))) {
    const value = record[name];
    if (
      !Array.isArray(value) ||
      value.length !== length ||
      !value.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      throw new FaninError(
        'INVALID_STATE',
        `${type}: state field "${name}" must be an array of ${length} finite numbers`,
      );
    }
  }
}

/**
 * Checks a JSON state's matrix field: `rows` arrays of `columns` numbers each (e.g. the
 * eigenvectors of PCA and ZCA).
 */
export function checkRows(
  type: string,
  name: string,
  value: unknown,
  rows: number,
  columns: number,
): void {
  if (
    !Array.isArray(value) ||
    value.length !== rows ||
    value.some((row) => !Array.isArray(row) || row.length !== columns)
  ) {
    throw new FaninError(
      'INVALID_STATE',
      `${type}: state field "${name}" must be ${rows} arrays of ${columns} numbers`,
    );
  }
}

/** Returns `value` if it is a finite number > 0; else throws naming the option. */
export function positiveOption(type: string, name: string, value: number): number {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new FaninError(
      'INVALID_OPTION',
      `${type}: option "${name}" must be a number > 0, got ${String(value)}`,
    );
  }
  return value;
}

/** A float32 vector tensor of `values` (statistics kept as JSON numbers). */
export function vector(values: ArrayLike<number>): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(values), 'float32');
}
