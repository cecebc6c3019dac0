import { describeValue, FaninError, type Registry } from '@fanin/core';
import type { ParamValue } from '@fanin/search';
import { trainingShape } from '../config/training-section.js';

/** A model document as JSON: the model config and its training section. */
export interface ModelJson {
  readonly model: Record<string, unknown>;
  readonly training: Record<string, unknown>;
}

type Token = string | number | '*';

/** `layers[*].activation` → ["layers", "*", "activation"]. */
export function parseParamPath(path: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /([^.[\]]+)|\[(\d+|\*)\]/g;
  let match: RegExpExecArray | null;
  let consumed = 0;
  for (match = pattern.exec(path); match; match = pattern.exec(path)) {
    const gap = path.slice(consumed, match.index);
    if (gap !== '' && gap !== '.')
      throw new FaninError('INVALID_PATH', `"${path}" is not a config path`);
    consumed = match.index + match[0].length;
    if (match[1] !== undefined) tokens.push(match[1]);
    else tokens.push(match[2] === '*' ? '*' : Number(match[2]));
  }
  if (consumed !== path.length || tokens.length === 0)
    throw new FaninError(
      'INVALID_PATH',
      `"${path}" is not a config path (write keys with dots and indices in brackets: layers[0].activation)`,
    );
  return tokens;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Sets `value` at `tokens` inside `root`; `*` matches every item that already has the next
 * key. `null` removes the key instead (`"layers[*].norm": null`: no normalization), and an
 * object it leaves empty (a lone `{ "norm": ... }` layer) is added to `emptied`. Returns how
 * many places were set.
 */
function setAt(
  root: unknown,
  tokens: readonly Token[],
  value: ParamValue,
  emptied: Set<object>,
): number {
  const [head, ...rest] = tokens;
  if (head === undefined) return 0;
  if (head === '*') {
    if (!Array.isArray(root)) return 0;
    let count = 0;
    for (const item of root) {
      const next = rest[0];
      if (
        rest.length === 1 &&
        (item === null || typeof item !== 'object' || !(String(next) in item))
      )
        continue;
      count += setAt(item, rest, value, emptied);
    }
    return count;
  }
  if (root === null || typeof root !== 'object') return 0;
  const container = root as Record<string | number, unknown>;
  if (rest.length === 0) {
    if (value !== null) container[head] = value;
    else if (head in container) {
      delete container[head];
      if (Object.keys(container).length === 0) emptied.add(container);
    } else return 0;
    return 1;
  }
  if (container[head] === undefined) {
    if (value === null) return 0;
    container[head] = typeof rest[0] === 'number' ? [] : {};
  }
  return setAt(container[head], rest, value, emptied);
}

/** Drops the objects in `emptied` from every array inside `root` (layers whose only key was removed). */
function dropEmptied(root: unknown, emptied: ReadonlySet<object>): void {
  if (emptied.size === 0 || root === null || typeof root !== 'object') return;
  if (Array.isArray(root)) {
    for (let i = root.length - 1; i >= 0; i--) {
      if (emptied.has(root[i])) root.splice(i, 1);
      else dropEmptied(root[i], emptied);
    }
    return;
  }
  for (const value of Object.values(root)) dropEmptied(value, emptied);
}

/** How a space parameter reaches the config: its name says where (see {@link applyParams}). */
export type ParamTarget =
  | { readonly kind: 'training'; readonly key: string }
  | { readonly kind: 'optimizer'; readonly key: string }
  | { readonly kind: 'path'; readonly root: 'model' | 'training'; readonly tokens: Token[] };

/** Where a parameter name points. */
export function paramTarget(name: string, registry: Registry): ParamTarget {
  if (/[.[]/.test(name)) {
    const tokens = parseParamPath(name);
    if (tokens[0] === 'training')
      return { kind: 'path', root: 'training', tokens: tokens.slice(1) };
    if (tokens[0] === 'model') return { kind: 'path', root: 'model', tokens: tokens.slice(1) };
    return { kind: 'path', root: 'model', tokens };
  }
  if (name in trainingShape(registry)) return { kind: 'training', key: name };
  return { kind: 'optimizer', key: name };
}

/**
 * A trial's model and training with its parameters laid in, by name:
 * - a training option (`batchSize`, `optimizer`, `loss`, `dataset`) replaces it;
 * - any other plain name (`learningRate`, `weightDecay`, `momentum`, `beta1`) is an option of
 *   the optimizer;
 * - a path (`layers[*].activation`, `layers[0].dense`, `training.optimizer.beta2`,
 *   `model.seed`) sets that place in the model (or, starting with `training.`, in the
 *   training section); `[*]` sets every layer that already has the key. The value `null`
 *   removes the key (`"layers[*].norm"` over `["batchNorm", "groupNorm", null]` includes no
 *   normalization), and drops a layer left with no key; indices always count the layers of
 *   the model as written.
 * The result is validated by the caller, as a model file is.
 */
export function applyParams(
  base: ModelJson,
  params: Readonly<Record<string, ParamValue>>,
  registry: Registry,
): ModelJson {
  const model = clone(base.model);
  const training = clone(base.training);
  const emptied = new Set<object>();
  // Training options first, so that optimizer options land on a swept optimizer.
  const names = Object.keys(params).sort(
    (a, b) =>
      Number(paramTarget(a, registry).kind !== 'training') -
      Number(paramTarget(b, registry).kind !== 'training'),
  );
  for (const name of names) {
    const value = params[name]!;
    const target = paramTarget(name, registry);
    if (target.kind === 'training') training[target.key] = value;
    else if (target.kind === 'optimizer') {
      const optimizer = training.optimizer;
      training.optimizer =
        typeof optimizer === 'string'
          ? { type: optimizer, [target.key]: value }
          : { ...(optimizer as object), [target.key]: value };
    } else {
      const root = target.root === 'model' ? model : training;
      if (setAt(root, target.tokens, value, emptied) === 0)
        throw new FaninError(
          'INVALID_PATH',
          `${name} matches nothing in the ${target.root === 'model' ? 'model' : 'training section'}${target.tokens.includes('*') ? ' (a [*] path sets only items that already have the key)' : ''}, so ${describeValue(value)} would go nowhere`,
        );
    }
  }
  dropEmptied(model, emptied);
  return { model, training };
}
