import { describeValue, type JsonSchema } from '@fanin/core';

/** The first place a value breaks a schema: its path (`layers[2].activation`) and what was wrong. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

type Schema = JsonSchema & {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minProperties?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How deep a problem is: a branch of a oneOf that failed deeper fits the value better. */
function depth(problem: SchemaProblem): number {
  return problem.path.split(/[.[]/).length;
}

/**
 * Checks a JSON value against a JSON Schema (the subset fanin generates: type, enum, const,
 * properties, required, additionalProperties, items, min/maxItems, numeric bounds,
 * minLength, oneOf, anyOf and local `$ref`s to `$defs`). Returns the first problem, or
 * undefined when the value is valid. Used to hold config files to the same schemas editors
 * complete them with.
 */
export function checkJsonSchema(root: JsonSchema, value: unknown): SchemaProblem | undefined {
  const defs = ((root as Schema).$defs ?? {}) as Record<string, Schema>;

  const visit = (schema: Schema, value: unknown, path: string): SchemaProblem | undefined => {
    const at = (message: string): SchemaProblem => ({ path, message });
    if (schema.$ref !== undefined) {
      const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
      const target = name === undefined ? undefined : defs[name];
      if (!target) return at(`unresolvable schema reference ${schema.$ref}`);
      const problem = visit(target, value, path);
      if (problem) return problem;
    }
    if (schema.const !== undefined && !equal(schema.const, value))
      return at(`must be ${describeValue(schema.const)}, got ${describeValue(value)}`);
    if (schema.enum !== undefined && !schema.enum.some((choice) => equal(choice, value)))
      return at(
        `must be one of ${schema.enum.map((choice) => describeValue(choice)).join(', ')}, got ${describeValue(value)}`,
      );
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((type) => matchesType(value, type)))
        return at(
          `must be ${types.map((type) => `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`).join(' or ')}, got ${describeValue(value)}`,
        );
    }
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum)
        return at(`must be >= ${schema.minimum}, got ${value}`);
      if (schema.maximum !== undefined && value > schema.maximum)
        return at(`must be <= ${schema.maximum}, got ${value}`);
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
        return at(`must be > ${schema.exclusiveMinimum}, got ${value}`);
      if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
        return at(`must be < ${schema.exclusiveMaximum}, got ${value}`);
    }
    if (
      typeof value === 'string' &&
      schema.minLength !== undefined &&
      value.length < schema.minLength
    )
      return at(`must have at least ${schema.minLength} characters`);
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems)
        return at(`must have at least ${schema.minItems} items, got ${value.length}`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems)
        return at(`must have at most ${schema.maxItems} items, got ${value.length}`);
      if (schema.items) {
        for (let index = 0; index < value.length; index++) {
          const problem = visit(schema.items, value[index], join(path, index));
          if (problem) return problem;
        }
      }
    }
    if (typeOf(value) === 'object') {
      const record = value as Record<string, unknown>;
      if (schema.minProperties !== undefined && Object.keys(record).length < schema.minProperties)
        return at(
          `must have at least ${schema.minProperties} entr${schema.minProperties === 1 ? 'y' : 'ies'}`,
        );
      for (const key of schema.required ?? []) if (!(key in record)) return at(`needs "${key}"`);
      const properties = schema.properties ?? {};
      for (const [key, item] of Object.entries(record)) {
        const property = properties[key];
        if (property) {
          const problem = visit(property, item, join(path, key));
          if (problem) return problem;
        } else if (schema.additionalProperties === false) {
          return at(`unknown key "${key}"; allowed: ${Object.keys(properties).join(', ')}`);
        } else if (typeof schema.additionalProperties === 'object') {
          const problem = visit(schema.additionalProperties, item, join(path, key));
          if (problem) return problem;
        }
      }
    }
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches) {
      const problems: SchemaProblem[] = [];
      let matches = 0;
      for (const branch of branches) {
        const problem = visit(branch, value, path);
        if (problem) problems.push(problem);
        else matches++;
      }
      if (matches === 0) {
        // Report the branch that got furthest into the value: the form the user meant.
        const deepest = problems.reduce((best, problem) =>
          depth(problem) > depth(best) ? problem : best,
        );
        return deepest.path !== path
          ? deepest
          : at(`does not match any allowed form, got ${describeValue(value)}`);
      }
      if (schema.oneOf && matches > 1)
        return at(`matches ${matches} forms where exactly one is allowed`);
    }
    return undefined;
  };

  return visit(root as Schema, value, '');
}
