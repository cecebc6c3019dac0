import { option } from '../options/option.js';
import { defineLayer } from '../registry/entry.js';
import type { EntryConfig } from '../registry/registry.js';
import { Dense } from './dense.js';

function isEntryReference(value: unknown): value is EntryConfig {
  if (typeof value === 'string') return value.length > 0;
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * An option naming a registry entry of some kind: `"heNormal"` or
 * `{ "type": "heNormal", "mode": "fanOut" }`. Checked for shape here; the registry checks
 * the name and options when the entry is created.
 */
export function entryReferenceOption(kind: string, description: string) {
  return option.custom<EntryConfig, { description: string; optional: true }>({
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
}

/**
 * A fully connected layer, y = x W + b, W laid out [inputs, units] (Keras; PyTorch's
 * `nn.Linear` stores the transpose). The input size is taken from the first input. Without
 * initializers, the kernel is Glorot uniform (Keras's default) and the bias zeros.
 */
export const dense = defineLayer({
  description: 'Fully connected layer: y = x W + b, W of shape [inputs, units]',
  options: {
    units: option.integer({ description: 'Number of output units', min: 1 }),
    useBias: option.boolean({ description: 'Add a learned bias', default: true }),
    kernelInitializer: entryReferenceOption(
      'initializer',
      'Initializer of the kernel (default Glorot uniform)',
    ),
    biasInitializer: entryReferenceOption('initializer', 'Initializer of the bias (default zeros)'),
  },
  create: (options, { registry, random, path }) =>
    new Dense({
      units: options.units,
      useBias: options.useBias,
      ...(options.kernelInitializer
        ? { kernelInitializer: registry.create('initializer', options.kernelInitializer) }
        : {}),
      ...(options.biasInitializer
        ? { biasInitializer: registry.create('initializer', options.biasInitializer) }
        : {}),
      ...(random ? { random } : {}),
      ...(path ? { path } : {}),
    }),
});
