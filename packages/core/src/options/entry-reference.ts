import { type OptionSpec, option } from './option.js';
import type { Kind } from '../registry/kinds.js';
import type { EntryConfig } from '../registry/registry.js';

/** A reference to a registry entry: its name, or `{ "type": name, ...options }`. */
export type EntryReference =
  | string
  | ({ readonly type: string } & Readonly<Record<string, unknown>>);

/** An option whose value names an entry of another kind (see {@link entryReferenceOption}). */
export interface EntryReferenceSpec extends OptionSpec<EntryConfig, 'optional'> {
  /** The kind of the entry it names; `checkModelConfig` validates the reference against it. */
  readonly reference: Kind;
}

/** Whether a value has the shape of a reference: a non-empty name or an object with "type". */
export function isEntryReference(value: unknown): value is EntryConfig {
  if (typeof value === 'string') return value.length > 0;
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Whether an option spec names an entry of another kind. */
export function isEntryReferenceSpec(spec: OptionSpec): spec is EntryReferenceSpec {
  return typeof (spec as Partial<EntryReferenceSpec>).reference === 'string';
}

/**
 * An option naming a registry entry of some kind: `"heNormal"` or
 * `{ "type": "heNormal", "mode": "fanOut" }`. The option checks the shape; the referenced
 * name and its options are checked by `checkModelConfig` (and by the registry when the entry
 * creates it). The model config's JSON Schema points it at the kind's full schema.
 */
export function entryReferenceOption(kind: Kind, description: string): EntryReferenceSpec {
  const spec = option.custom<EntryConfig, { description: string; optional: true }>({
    description,
    optional: true,
    expected: `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} name or an object with "type"`,
    schema: {
      oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
      ],
    },
    check: isEntryReference,
  });
  return { ...spec, reference: kind };
}
