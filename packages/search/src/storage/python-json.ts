import { JournalCorruptError } from '../errors.js';

/**
 * JSON as Python's `json` module writes it: `NaN`, `Infinity` and `-Infinity` are bare
 * tokens. Optuna's journal uses this dialect (a diverged trial reports NaN), so our journal
 * writes and reads it too; the optuna-dashboard reader accepts it.
 */
export function stringifyPythonJson(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Number.POSITIVE_INFINITY) return 'Infinity';
    if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
    return JSON.stringify(value);
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean')
    return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : stringifyPythonJson(item))).join(', ')}]`;
  if (typeof value === 'object') {
    const maybe = value as { toJSON?: () => unknown };
    if (typeof maybe.toJSON === 'function') return stringifyPythonJson(maybe.toJSON());
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined || typeof item === 'function') continue;
      parts.push(`${JSON.stringify(key)}: ${stringifyPythonJson(item)}`);
    }
    return `{${parts.join(', ')}}`;
  }
  return 'null';
}

/**
 * Parses Python-dialect JSON (standard JSON plus bare NaN, Infinity, -Infinity outside
 * strings). Standard JSON takes the fast path through `JSON.parse`.
 */
export function parsePythonJson(text: string, where = 'JSON'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new PythonJsonParser(text, where).parseDocument();
  }
}

class PythonJsonParser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly where: string,
  ) {}

  parseDocument(): unknown {
    const value = this.value();
    this.space();
    if (this.index !== this.text.length) this.fail('unexpected text after the value');
    return value;
  }

  private fail(detail: string): never {
    throw new JournalCorruptError(this.where, `${detail} at character ${this.index}`);
  }

  private space(): void {
    while (this.index < this.text.length && ' \t\n\r'.includes(this.text[this.index]!))
      this.index++;
  }

  private literal(word: string, value: unknown): unknown {
    if (this.text.startsWith(word, this.index)) {
      this.index += word.length;
      return value;
    }
    return this.fail('invalid token');
  }

  private value(): unknown {
    this.space();
    const c = this.text[this.index];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === 'N') return this.literal('NaN', Number.NaN);
    if (c === 'I') return this.literal('Infinity', Number.POSITIVE_INFINITY);
    if (c === '-' && this.text[this.index + 1] === 'I')
      return this.literal('-Infinity', Number.NEGATIVE_INFINITY);
    return this.number();
  }

  private number(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.index));
    if (!match) return this.fail('invalid value');
    this.index += match[0].length;
    return Number(match[0]);
  }

  private string(): string {
    const start = this.index;
    this.index++;
    while (this.index < this.text.length) {
      const c = this.text[this.index];
      if (c === '\\') this.index += 2;
      else if (c === '"') {
        this.index++;
        return JSON.parse(this.text.slice(start, this.index)) as string;
      } else this.index++;
    }
    return this.fail('unterminated string');
  }

  private array(): unknown[] {
    this.index++;
    const out: unknown[] = [];
    this.space();
    if (this.text[this.index] === ']') {
      this.index++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      const c = this.text[this.index++];
      if (c === ']') return out;
      if (c !== ',') this.fail('expected "," or "]"');
    }
  }

  private object(): Record<string, unknown> {
    this.index++;
    const out: Record<string, unknown> = {};
    this.space();
    if (this.text[this.index] === '}') {
      this.index++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.index] !== '"') this.fail('expected a key');
      const key = this.string();
      this.space();
      if (this.text[this.index++] !== ':') this.fail('expected ":"');
      out[key] = this.value();
      this.space();
      const c = this.text[this.index++];
      if (c === '}') return out;
      if (c !== ',') this.fail('expected "," or "}"');
    }
  }
}
