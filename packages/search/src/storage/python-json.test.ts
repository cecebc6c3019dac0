import { describe, expect, it } from 'vitest';
import { JournalCorruptError } from '../errors.js';
import { parsePythonJson, stringifyPythonJson } from './python-json.js';

describe('Python-dialect JSON', () => {
  it('writes NaN and infinities as Python does and reads them back', () => {
    const value = {
      a: Number.NaN,
      b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5],
      c: 'NaN',
      d: null,
    };
    const text = stringifyPythonJson(value);
    expect(text).toBe('{"a": NaN, "b": [Infinity, -Infinity, 1.5], "c": "NaN", "d": null}');
    expect(parsePythonJson(text)).toEqual(value);
  });

  it('leaves tokens inside strings alone and handles escapes', () => {
    const text =
      '{"s": "Infinity \\" NaN", "n": -Infinity, "e": 1e-06, "u": "\\u00e9", "list": []}';
    expect(parsePythonJson(text)).toEqual({
      s: 'Infinity " NaN',
      n: Number.NEGATIVE_INFINITY,
      e: 1e-6,
      u: 'é',
      list: [],
    });
  });

  it('drops undefined fields like JSON.stringify and uses toJSON', () => {
    expect(stringifyPythonJson({ a: undefined, b: { toJSON: () => 3 } })).toBe('{"b": 3}');
  });

  it('reports where a broken record breaks', () => {
    expect(() => parsePythonJson('{"a": NaX}', 'journal:3')).toThrow(JournalCorruptError);
    expect(() => parsePythonJson('{"a": NaX}', 'journal:3')).toThrow(
      /^journal:3: invalid token at character 6/,
    );
  });
});
