import type { JsonValue } from './storage/storage.js';

/** A JSON value with object keys sorted, so that equal settings compare equal as text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Where two settings first differ: a dotted path (`training.train`, `model.layers[1].dense`) and both values. */
export interface Difference {
  readonly path: string;
  readonly stored: string;
  readonly given: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const show = (value: unknown) => (value === undefined ? '(none)' : canonicalJson(value));

/**
 * The first place (in sorted key order, depth first) where `given` differs from `stored`,
 * or undefined if they are the same JSON. Used to name what changed when a study is resumed
 * with other settings.
 */
export function firstDifference(
  stored: unknown,
  given: unknown,
  path: string,
): Difference | undefined {
  if (canonicalJson(stored) === canonicalJson(given)) return undefined;
  if (isObject(stored) && isObject(given)) {
    const keys = [...new Set([...Object.keys(stored), ...Object.keys(given)])].sort();
    for (const key of keys) {
      const inner = firstDifference(stored[key], given[key], path ? `${path}.${key}` : key);
      if (inner) return inner;
    }
  }
  if (Array.isArray(stored) && Array.isArray(given) && stored.length === given.length) {
    for (let index = 0; index < stored.length; index++) {
      const inner = firstDifference(stored[index], given[index], `${path}[${index}]`);
      if (inner) return inner;
    }
  }
  return { path, stored: show(stored), given: show(given) };
}

/**
 * What a study stores about everything that decides a trial's value besides its
 * parameters: for `fanin sweep`, the model, its training section and the objective. Any
 * JSON object; resuming with a different one is refused.
 */
export type StudyFingerprint = Readonly<Record<string, JsonValue>>;
