import { type JsonSchema, type OptionsShape, option, optionsJsonSchema } from '@fanin/core';
import { CategoricalDistribution } from './categorical.js';
import type { CategoricalChoice, Distribution, DistributionType } from './distribution.js';
import { FixedDistribution } from './fixed.js';
import { IntDistribution } from './int.js';
import { LogIntDistribution } from './log-int.js';
import { LogUniformDistribution } from './log-uniform.js';
import { Pow10Distribution } from './pow10.js';
import { UniformDistribution } from './uniform.js';

/**
 * How a distribution is written in JSON: its description and its keys, declared once with
 * core's `option` specs. `parseDistribution` checks the keys against them (the constructors
 * check the values, naming the path), and the sweep file's JSON Schema is derived from them.
 */
export interface DistributionForm {
  readonly description: string;
  readonly options: OptionsShape;
  create(json: Readonly<Record<string, unknown>>, path: string): Distribution;
}

const isChoice = (value: unknown): value is CategoricalChoice =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);
const choice = (description: string) =>
  option.custom<CategoricalChoice, { description: string }>({
    description,
    expected: 'a string, number, boolean or null',
    schema: { type: ['string', 'number', 'boolean', 'null'] },
    check: isChoice,
  });
const bounds = (low: string, high: string, init: { min?: number; greaterThan?: number } = {}) => ({
  low: option.number({ description: low, ...init }),
  high: option.number({ description: high, ...init }),
});
const integerBounds = (low: string, high: string, init: { min?: number } = {}) => ({
  low: option.integer({ description: low, ...init }),
  high: option.integer({ description: high, ...init }),
});

const num = (json: Readonly<Record<string, unknown>>, key: string) => json[key] as number;

/** Every distribution type's JSON form, in the order the docs and the schema list them. */
export const DISTRIBUTION_FORMS: Readonly<Record<DistributionType, DistributionForm>> = {
  uniform: {
    description: 'Uniform between low and high',
    options: bounds('Lower end', 'Upper end'),
    create: (json, path) => new UniformDistribution(num(json, 'low'), num(json, 'high'), path),
  },
  logUniform: {
    description:
      'Uniform in log space between low and high (both > 0), e.g. a learning rate from 1e-6 to 1e-2',
    options: bounds('Lower end (> 0)', 'Upper end (> 0)', { greaterThan: 0 }),
    create: (json, path) => new LogUniformDistribution(num(json, 'low'), num(json, 'high'), path),
  },
  pow10: {
    description:
      '10 to the power of a uniform exponent between low and high: learning rate 10^U(-6, -2)',
    options: bounds('Lowest exponent', 'Highest exponent'),
    create: (json, path) => new Pow10Distribution(num(json, 'low'), num(json, 'high'), path),
  },
  int: {
    description: 'A whole number from low to high inclusive, in steps',
    options: {
      ...integerBounds('Lowest value', 'Highest value'),
      step: option.integer({ description: 'Step between values', default: 1, min: 1 }),
    },
    create: (json, path) =>
      new IntDistribution(num(json, 'low'), num(json, 'high'), (json.step as number) ?? 1, path),
  },
  logInt: {
    description: 'A whole number from low to high, uniform in log space (layer widths)',
    options: integerBounds('Lowest value (>= 1)', 'Highest value', { min: 1 }),
    create: (json, path) => new LogIntDistribution(num(json, 'low'), num(json, 'high'), path),
  },
  categorical: {
    description: 'One of a list of choices, each equally likely',
    options: {
      choices: option.array(choice('A choice'), { description: 'The choices', minItems: 1 }),
    },
    create: (json, path) => new CategoricalDistribution(json.choices as never, path),
  },
  fixed: {
    description: 'A constant (kept in the space for the record)',
    options: { value: choice('The value') },
    create: (json, path) => new FixedDistribution(json.value as never, `${path}.value`),
  },
};

/** The JSON Schema of one distribution in a space: `{ "type": "pow10", "low": -6, "high": -2 }`. */
export function distributionJsonSchema(): JsonSchema {
  return {
    oneOf: Object.entries(DISTRIBUTION_FORMS).map(([type, form]) => {
      const schema = optionsJsonSchema(form.options);
      return {
        ...schema,
        description: form.description,
        properties: {
          type: { const: type, description: form.description },
          ...(schema.properties as object),
        },
        required: ['type', ...((schema.required as string[] | undefined) ?? [])],
      };
    }),
  };
}

/**
 * The JSON Schema of a search space as `parseSpace` reads it: parameter names to
 * distributions. Ranges must also be non-empty (low < high), which `parseSpace` checks.
 */
export function spaceJsonSchema(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    minProperties: 1,
    additionalProperties: distributionJsonSchema(),
  };
}
