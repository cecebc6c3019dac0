import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigFileError } from '../cli/errors.js';

/** How a config file is named in messages: as the user wrote it, relative to the working directory. */
export function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, resolve(cwd, file));
  return shown === '' || shown.startsWith('..') ? resolve(cwd, file) : shown;
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Reads and parses a JSON config file. Every failure is a {@link ConfigFileError} naming the
 * file: missing, a directory, unreadable, empty, or malformed JSON (with line and column).
 */
export function readJsonFile(
  file: string,
  cwd: string,
): { path: string; shown: string; value: unknown } {
  const path = resolve(cwd, file);
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    if (statSync(path).isDirectory())
      throw new ConfigFileError(shown, 'is a directory, not a JSON file');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigFileError(shown, 'no such file');
    if (code === 'EACCES') throw new ConfigFileError(shown, 'permission denied');
    throw new ConfigFileError(shown, `cannot be read (${(error as Error).message})`);
  }
  if (text.trim() === '') throw new ConfigFileError(shown, 'is empty; expected a JSON object');
  try {
    return { path, shown, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const message = (error as Error).message;
    const body = text.replace(/^\uFEFF/, '');
    const offset = errorOffset(body, message);
    const where = offset === undefined ? undefined : lineAndColumn(body, offset);
    const reason = message
      .replace(/\s*in JSON at position \d+.*$/s, '')
      .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
      .replace(/\s+/g, ' ');
    throw new ConfigFileError(
      shown,
      `invalid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${reason}`,
    );
  }
}

function failsBefore(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/Unexpected end of JSON input/.test(message)) return false;
    const position = /at position (\d+)/.exec(message);
    // An error at the very end of a prefix only says that the prefix stops early.
    return position ? Number(position[1]) < length : true;
  }
}

/**
 * Where JSON.parse gave up: from its message when it says ("at position 42"), else the
 * shortest prefix of the text that fails for another reason than ending early.
 */
function errorOffset(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (!failsBefore(text, text.length)) return undefined;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsBefore(text, middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}
