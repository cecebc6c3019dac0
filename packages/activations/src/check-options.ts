import { type OptionsShape, type ResolvedOptions, resolveOptions } from '@fanin/core';

/**
 * Validates the arguments of a plain tensor function against the same option declarations its
 * registry entry uses, so `leakyRelu(x, -1)` and `registry.activation('leakyRelu', { alpha: -1 })`
 * fail with the same message.
 */
export function checkOptions<S extends OptionsShape>(
  name: string,
  shape: S,
  input: Record<string, unknown>,
): ResolvedOptions<S> {
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) given[key] = value;
  return resolveOptions(shape, given, `activation "${name}"`);
}
