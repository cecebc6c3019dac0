import { FaninError } from '../errors.js';
import type { AnyEntry } from './entry.js';
import { KINDS, type Kind, PLURAL, type PluralKind } from './kinds.js';
import { closestMatch } from './suggest.js';

/**
 * A plugin is plain data: a name and its entries, grouped by kind. It is registered
 * explicitly with `createRegistry`, never as an import side effect.
 */
export type Plugin = { readonly name: string } & {
  readonly [P in PluralKind]?: Readonly<Record<string, AnyEntry>>;
};

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const PLURAL_TO_KIND = new Map<string, Kind>(KINDS.map((kind) => [PLURAL[kind], kind]));

/**
 * Declares a plugin, checking its shape once so that mistakes surface where the plugin is
 * written: an unknown kind key, an entry filed under the wrong kind, a malformed name.
 */
export function definePlugin<const P extends Plugin>(plugin: P): P {
  if (typeof plugin.name !== 'string' || plugin.name.length === 0) {
    throw new FaninError(
      'INVALID_PLUGIN',
      'a plugin needs a non-empty "name"',
      'Use the npm package name, e.g. "@acme/fanin-activations"',
    );
  }
  for (const [key, entries] of Object.entries(plugin)) {
    if (key === 'name') continue;
    const kind = PLURAL_TO_KIND.get(key);
    if (!kind) {
      const suggestion = closestMatch(key, PLURAL_TO_KIND.keys());
      throw new FaninError(
        'INVALID_PLUGIN',
        `plugin "${plugin.name}": unknown key "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Allowed: name, ${[...PLURAL_TO_KIND.keys()].join(', ')}`,
      );
    }
    for (const [entryName, entry] of Object.entries((entries ?? {}) as Record<string, AnyEntry>)) {
      if (!NAME_PATTERN.test(entryName)) {
        throw new FaninError(
          'INVALID_PLUGIN',
          `plugin "${plugin.name}": ${kind} name "${entryName}" must start with a letter and use only letters, digits, "_", "." or "-"`,
        );
      }
      if (!entry || typeof entry.create !== 'function') {
        throw new FaninError(
          'INVALID_PLUGIN',
          `plugin "${plugin.name}": ${kind} "${entryName}" has no create() function`,
          `Declare it with define${kind[0]?.toUpperCase()}${kind.slice(1)}() or defineEntry("${kind}", ...)`,
        );
      }
      if (entry.kind !== kind) {
        throw new FaninError(
          'INVALID_PLUGIN',
          `plugin "${plugin.name}": "${entryName}" is a ${entry.kind} but is listed under "${key}"`,
          `Move it to "${PLURAL[entry.kind]}"`,
        );
      }
    }
  }
  return Object.freeze(plugin);
}

export { PLURAL_TO_KIND };
