import type { JsonSchema } from '@fanin/core';

const bound = (description: string) => ({ type: 'number', description });

function distribution(
  type: string,
  description: string,
  properties: Record<string, JsonSchema>,
  required: string[],
) {
  return {
    type: 'object',
    description,
    properties: { type: { const: type, description }, ...properties },
    required: ['type', ...required],
    additionalProperties: false,
  };
}

/**
 * The JSON Schema of a search space in a sweep file: parameter names to distributions,
 * written as `@fanin/search`'s `parseSpace` reads them (`{ "type": "pow10", "low": -6,
 * "high": -2 }`). Ranges must be non-empty (low < high), which `parseSpace` checks.
 */
export function spaceJsonSchema(): JsonSchema {
  const choice = { type: ['string', 'number', 'boolean', 'null'] };
  return {
    type: 'object',
    description:
      'The hyperparameters to search: a distribution per parameter. A name is a training option ("batchSize", "optimizer"), an optimizer option ("learningRate", "weightDecay", "momentum"), or a path into the model file ("layers[*].activation", "layers[0].dense", "training.optimizer.beta1")',
    minProperties: 1,
    additionalProperties: {
      oneOf: [
        distribution(
          'uniform',
          'Uniform between low and high',
          { low: bound('Lower end'), high: bound('Upper end') },
          ['low', 'high'],
        ),
        distribution(
          'logUniform',
          'Uniform in log space between low and high (both > 0), e.g. a learning rate from 1e-6 to 1e-2',
          {
            low: { type: 'number', exclusiveMinimum: 0, description: 'Lower end (> 0)' },
            high: { type: 'number', exclusiveMinimum: 0, description: 'Upper end (> 0)' },
          },
          ['low', 'high'],
        ),
        distribution(
          'pow10',
          '10 to the power of a uniform exponent between low and high: learning rate 10^U(-6, -2)',
          { low: bound('Lowest exponent'), high: bound('Highest exponent') },
          ['low', 'high'],
        ),
        distribution(
          'int',
          'A whole number from low to high inclusive, in steps',
          {
            low: { type: 'integer', description: 'Lowest value' },
            high: { type: 'integer', description: 'Highest value' },
            step: { type: 'integer', minimum: 1, default: 1, description: 'Step between values' },
          },
          ['low', 'high'],
        ),
        distribution(
          'logInt',
          'A whole number from low to high, uniform in log space (layer widths)',
          {
            low: { type: 'integer', minimum: 1, description: 'Lowest value (>= 1)' },
            high: { type: 'integer', minimum: 1, description: 'Highest value' },
          },
          ['low', 'high'],
        ),
        distribution(
          'categorical',
          'One of a list of choices, each equally likely',
          { choices: { type: 'array', items: choice, minItems: 1, description: 'The choices' } },
          ['choices'],
        ),
        distribution(
          'fixed',
          'A constant (kept in the space for the record)',
          { value: { ...choice, description: 'The value' } },
          ['value'],
        ),
      ],
    },
  };
}
