import { type Tensor, type Variable, variable } from '@tensorflow/tfjs-core';
import { FaninError } from '../errors.js';

/** Options for a forward pass. */
export interface ApplyOptions {
  /** Training mode: batch statistics, dropout on. Default false (inference). */
  readonly training?: boolean;
}

/** A named parameter or state tensor of a module tree. */
export interface NamedTensor {
  readonly name: string;
  readonly variable: Variable;
  /** Trainable parameters receive gradients; state (running statistics) does not. */
  readonly trainable: boolean;
}

/**
 * The base of every layer: owns named parameters (trainable), named state (not trainable,
 * e.g. running statistics) and child modules. Parameters are created lazily by `build` on
 * the first input shape, as in Keras, so a config need not repeat input sizes.
 */
export abstract class Module {
  /** The registry name or class name, used in error messages and parameter paths. */
  abstract readonly type: string;
  private readonly ownTensors = new Map<string, NamedTensor>();
  private readonly children = new Map<string, Module>();
  /** Children whose tensors are listed as this module's own (see `addInlineChild`). */
  private readonly inlined = new Set<string>();
  private builtShape: readonly number[] | undefined;
  /** Frozen modules do not train their parameters (and batch norm uses running statistics). */
  frozen = false;

  /** Creates parameters for an input of this shape (batch dimension included, may be -1). */
  protected build(_inputShape: readonly number[]): void {}

  /** The forward computation. Called only after `build`. */
  protected abstract forward(x: Tensor, options: Required<ApplyOptions>): Tensor;

  /** Runs the module, building it first if needed. */
  apply(x: Tensor, options: ApplyOptions = {}): Tensor {
    this.ensureBuilt(x.shape);
    return this.forward(x, { training: options.training ?? false });
  }

  /** Builds the module (and so creates its parameters) for inputs of this shape. */
  ensureBuilt(inputShape: readonly number[]): void {
    if (this.builtShape) return;
    this.build(inputShape);
    this.builtShape = [...inputShape];
  }

  get built(): boolean {
    return this.builtShape !== undefined;
  }

  /** The output shape for an input shape (default: unchanged). */
  outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }

  /** Registers a trainable parameter (or non-trainable state) owned by this module. */
  protected addTensor(name: string, initial: Tensor, trainable: boolean): Variable {
    if (this.ownTensors.has(name) || this.children.has(name)) {
      throw new FaninError(
        'DUPLICATE_NAME',
        `${this.type}: "${name}" is already a parameter or child`,
      );
    }
    const v = variable(initial, trainable);
    initial.dispose();
    this.ownTensors.set(name, { name, variable: v, trainable });
    return v;
  }

  protected addParameter(name: string, initial: Tensor): Variable {
    return this.addTensor(name, initial, true);
  }

  protected addState(name: string, initial: Tensor): Variable {
    return this.addTensor(name, initial, false);
  }

  /** Registers a child module; its tensors appear under `name.`. */
  protected addChild<M extends Module>(name: string, child: M): M {
    if (this.ownTensors.has(name) || this.children.has(name)) {
      throw new FaninError(
        'DUPLICATE_NAME',
        `${this.type}: "${name}" is already a parameter or child`,
      );
    }
    this.children.set(name, child);
    return child;
  }

  /**
   * Registers a child whose tensors are named as this module's own ("kernel", not
   * "main.kernel"): for a wrapper such as a block around its layer, so that wrapping does not
   * rename the parameters `saveWeights` writes.
   */
  protected addInlineChild<M extends Module>(name: string, child: M): M {
    this.addChild(name, child);
    this.inlined.add(name);
    return child;
  }

  private childPrefix(prefix: string, name: string): string {
    return this.inlined.has(name) ? prefix : `${prefix}${name}.`;
  }

  /** Direct children, by name. */
  namedChildren(): ReadonlyMap<string, Module> {
    return this.children;
  }

  /** Every tensor in the tree (parameters and state), with dotted names. */
  namedTensors(prefix = ''): NamedTensor[] {
    const out: NamedTensor[] = [];
    for (const entry of this.ownTensors.values()) out.push({ ...entry, name: prefix + entry.name });
    for (const [name, child] of this.children)
      out.push(...child.namedTensors(this.childPrefix(prefix, name)));
    return out;
  }

  /** Trainable parameters by dotted name, excluding those of frozen modules. */
  namedParameters(): Map<string, Variable> {
    const out = new Map<string, Variable>();
    const visit = (module: Module, prefix: string) => {
      if (module.frozen) return;
      for (const entry of module.ownTensors.values())
        if (entry.trainable) out.set(prefix + entry.name, entry.variable);
      for (const [name, child] of module.children) visit(child, module.childPrefix(prefix, name));
    };
    visit(this, '');
    return out;
  }

  /** Non-trainable state by dotted name (running statistics...). */
  namedState(): Map<string, Variable> {
    return new Map(
      this.namedTensors()
        .filter((t) => !t.trainable)
        .map((t) => [t.name, t.variable]),
    );
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    let count = 0;
    for (const v of this.namedParameters().values()) count += v.size;
    return count;
  }

  /** Freezes (or unfreezes) this module and its children. */
  freeze(frozen = true): this {
    this.frozen = frozen;
    for (const child of this.children.values()) child.freeze(frozen);
    return this;
  }

  /** Releases every tensor the tree owns. */
  dispose(): void {
    for (const entry of this.ownTensors.values()) entry.variable.dispose();
    for (const child of this.children.values()) child.dispose();
  }
}

/** A module computing a fixed function of its input, with no parameters. */
export class FunctionModule extends Module {
  constructor(
    readonly type: string,
    private readonly fn: (x: Tensor) => Tensor,
  ) {
    super();
  }

  protected forward(x: Tensor): Tensor {
    return this.fn(x);
  }
}
