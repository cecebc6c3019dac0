import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../cli/errors.js';
import { prepareOutputDirectory } from './output-directory.js';
import { readJsonFile } from './read-json-file.js';

const directory = mkdtempSync(join(tmpdir(), 'fanin-read-'));
writeFileSync(join(directory, 'ok.json'), '\uFEFF{ "a": [1, 2] }');
writeFileSync(join(directory, 'bad.json'), '{\n  "a": 1,\n  "b": [1, 2,]\n}');
writeFileSync(join(directory, 'empty.json'), '  \n');
mkdirSync(join(directory, 'folder.json'));
writeFileSync(join(directory, 'blocker'), 'x');

describe('readJsonFile', () => {
  it('reads JSON (with a byte order mark) and names the file relative to the working directory', () => {
    expect(readJsonFile('ok.json', directory)).toMatchObject({
      shown: 'ok.json',
      value: { a: [1, 2] },
    });
  });

  it.each([
    ['bad.json', /^bad\.json: invalid JSON at line 3, column 14: Unexpected token '\]'$/],
    ['missing.json', /^missing\.json: no such file$/],
    ['empty.json', /^empty\.json: is empty; expected a JSON object$/],
    ['folder.json', /^folder\.json: is a directory, not a JSON file$/],
  ])('%s', (file, message) => {
    expect(() => readJsonFile(file, directory)).toThrow(ConfigFileError);
    expect(() => readJsonFile(file, directory)).toThrow(message);
  });
});

describe('prepareOutputDirectory', () => {
  it('creates the directory and checks that it can be written', () => {
    expect(prepareOutputDirectory('out/deep', directory)).toBe(join(directory, 'out', 'deep'));
  });

  it('refuses a file in the way', () => {
    expect(() => prepareOutputDirectory('blocker', directory)).toThrow(
      'cannot write to blocker: it is a file, not a directory',
    );
    expect(() => prepareOutputDirectory('blocker/sub', directory)).toThrow(
      'cannot write to blocker/sub: a part of the path is a file, not a directory',
    );
  });
});
