import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, spiralModel, temporaryDirectory, writeFile } from './fanin.js';

const model = spiralModel();
const sweep = (space: unknown, extra: Record<string, unknown> = {}) => ({
  model: 'model.json',
  space,
  stages: [{ trials: 2, epochs: 1 }],
  ...extra,
});

/** Each bad command line: its arguments, the files it needs, and the one line it must print. */
const cases: {
  name: string;
  args: (dir: string) => string[];
  files?: Record<string, unknown>;
  message: RegExp;
}[] = [
  {
    name: 'unknown command',
    args: () => ['trian'],
    message: /^fanin: unknown command "trian"\. Did you mean "train"\? Commands: /,
  },
  {
    name: 'unknown option',
    args: () => ['train', '--epoch', '3'],
    message: /^fanin train: unknown option "--epoch"\. Did you mean "--epochs"\?/,
  },
  {
    name: 'bad option value',
    args: () => ['train', '--epochs', 'abc'],
    message: /^fanin train: --epochs must be an integer >= 1, got "abc"$/,
  },
  {
    name: 'bad backend',
    args: () => ['train', '--backend', 'gpu'],
    message: /^fanin train: --backend must be one of "cpu", "wasm", "webgl", got "gpu"$/,
  },
  {
    name: 'unknown plugin name in a flag',
    args: () => ['train', '--optimizer', 'adma'],
    message: /^fanin train: --optimizer: unknown optimizer "adma"\. Did you mean "adam"\?/,
  },
  {
    name: 'unknown plugin name in a config file',
    args: () => ['train', '--config', 'model.json'],
    files: {
      'model.json': {
        ...model,
        layers: [{ dense: 16, activation: 'rellu' }, { dense: 3 }],
      },
    },
    message:
      /^fanin: model\.json: layers\[0\]\.activation: unknown activation "rellu"\. Did you mean "relu"\?/,
  },
  {
    name: 'unknown kind',
    args: () => ['list', 'activatoin'],
    message: /^fanin list: unknown kind "activatoin"\. Did you mean "activation"\?/,
  },
  {
    name: 'unknown entry',
    args: () => ['list', 'initializer', 'heNormall'],
    message: /^fanin: unknown initializer "heNormall"\. Did you mean "heNormal"\?/,
  },
  {
    name: 'malformed JSON',
    args: () => ['check', '--config', 'model.json'],
    files: { 'model.json': '{\n  "inputShape": [2],\n}\n' },
    message: /^fanin: model\.json: invalid JSON at line 3, column 1: /,
  },
  {
    name: 'schema violation (training option)',
    args: () => ['train', '--config', 'model.json'],
    files: { 'model.json': { ...model, training: { ...model.training, epochs: 0 } } },
    message: /^fanin: model\.json: training\.epochs: must be an integer >= 1, got 0$/,
  },
  {
    name: 'schema violation (unknown key)',
    args: () => ['train', '--config', 'model.json'],
    files: {
      'model.json': { ...model, layers: [{ dense: 16, activaton: 'relu' }, { dense: 3 }] },
    },
    message:
      /^fanin: model\.json: layers\[0\]: unknown key "activaton"\. Did you mean "activation"\?/,
  },
  {
    name: 'model that does not fit the dataset',
    args: () => ['train', '--config', 'model.json'],
    files: { 'model.json': { ...model, inputShape: [3] } },
    message:
      /inputShape: \[3\] \(3 inputs\) does not fit dataset "spiral", whose examples have 2 features/,
  },
  {
    name: 'missing config file',
    args: () => ['train', '--config', 'nope.json'],
    message:
      /^fanin: nope\.json: no such file \(tried \/.*\/nope\.json\); the examples shipped with @fanin\/cli are in \/.*\/examples \(cnn-sweep\.json, cnn\.json, model\.json, sweep\.json\)$/,
  },
  {
    name: 'missing journal',
    args: () => ['report', 'fanin-runs/nope.jsonl'],
    message: /^fanin: fanin-runs\/nope\.jsonl: no such journal file/,
  },
  {
    name: 'missing required argument',
    args: () => ['report'],
    message: /^fanin report: missing <journal>/,
  },
  {
    name: 'unwritable output directory',
    args: () => ['train', '--config', 'model.json', '--out', 'blocker/sub/weights.safetensors'],
    files: { 'model.json': model, blocker: 'a file where a directory should be' },
    message:
      /^fanin: cannot write to .*blocker\/sub: a part of the path is a file, not a directory/,
  },
  {
    name: 'unwritable report directory',
    args: () => ['sweep', '--config', 'sweep.json', '--runs', 'blocker'],
    files: {
      'model.json': model,
      'sweep.json': sweep({ learningRate: { type: 'pow10', low: -3, high: -1 } }),
      blocker: 'not a directory',
    },
    message: /^fanin: cannot write to blocker: it is a file, not a directory/,
  },
  {
    name: 'empty search range',
    args: () => ['sweep', '--config', 'sweep.json'],
    files: {
      'model.json': model,
      'sweep.json': sweep({ learningRate: { type: 'pow10', low: -3, high: -3 } }),
    },
    message: /^fanin: sweep\.json: space\.learningRate: the range is empty \(low -3, high -3\)/,
  },
  {
    name: 'misspelled distribution type',
    args: () => ['sweep', '--config', 'sweep.json'],
    files: {
      'model.json': model,
      'sweep.json': sweep({ learningRate: { type: 'logUnifrom', low: 1e-4, high: 1e-1 } }),
    },
    message:
      /^fanin: sweep\.json: space\.learningRate: unknown type "logUnifrom"\. Did you mean "logUniform"\?/,
  },
  {
    name: 'space parameter that fits no option',
    args: () => ['sweep', '--config', 'sweep.json'],
    files: {
      'model.json': model,
      'sweep.json': sweep({ learnigRate: { type: 'pow10', low: -4, high: -1 } }),
    },
    message:
      /^fanin: sweep\.json: space\.learnigRate = 0\.0001: .*unknown option "learnigRate"\. Did you mean "learningRate"\?/,
  },
  {
    name: 'space choice that is not a registered activation',
    args: () => ['sweep', '--config', 'sweep.json'],
    files: {
      'model.json': model,
      'sweep.json': sweep({
        'layers[*].activation': { type: 'categorical', choices: ['relu', 'tanhh'] },
      }),
    },
    message:
      /^fanin: sweep\.json: space\.layers\[\*\]\.activation = "tanhh": .*layers\[0\]\.activation: unknown activation "tanhh"\. Did you mean "tanh"\?/,
  },
  {
    name: 'bad sweep option',
    args: () => ['sweep', '--config', 'sweep.json'],
    files: {
      'model.json': model,
      'sweep.json': sweep({ learningRate: { type: 'pow10', low: -3, high: -1 } }, { workers: 0 }),
    },
    message: /^fanin: sweep\.json: workers: must be an integer >= 1, got 0$/,
  },
  {
    name: 'unknown option with no close match (one period, not two)',
    args: () => ['train', '--zzzz'],
    message: /^fanin train: unknown option "--zzzz"\. See fanin train --help$/,
  },
  {
    name: 'conflicting flags: --full with another --size',
    args: () => ['experiments', '--full', '--size', 'tiny'],
    message:
      /^fanin experiments: --full and --size tiny conflict \(--full means --size full\)\. Give one of them$/,
  },
  {
    name: 'conflicting flags on an experiment command',
    args: () => ['distributions', '--full', '--size', 'quick'],
    message: /^fanin distributions: --full and --size quick conflict/,
  },
  {
    name: 'a layer of 1e9 units (fanin train)',
    args: () => ['train', '--hidden', '1000000000', '--dataset', 'spiral'],
    message:
      /^fanin: layers\[0\]\.dense \(--hidden\): 1,000,000,000 units on 2 inputs make a weight matrix of 2,000,000,000 values; a tensor holds at most 268,435,456 \(2\^28, 1 GiB of float32\)\. Use fewer units in --hidden$/,
  },
  {
    name: 'a layer of 1e9 units in a model file',
    args: () => ['train', '--config', 'model.json'],
    files: { 'model.json': { ...model, layers: [{ dense: 1e9 }, { dense: 3 }] } },
    message: /^fanin: layers\[0\]\.dense: 1,000,000,000 units .* at most 268,435,456/,
  },
  {
    name: '1e9 units (fanin distributions)',
    args: () => ['distributions', '--units', '1000000000'],
    message: /^fanin distributions: --units must be an integer .*16384, got 1000000000/,
  },
  {
    name: '1e9 units (fanin symmetry)',
    args: () => ['symmetry', '--hidden', '16,1000000000'],
    message:
      /^fanin: experiment "symmetry": hidden\[1\]: 1,000,000,000 units on 16 inputs .*at most 268,435,456/,
  },
  {
    name: 'a sweep space that reaches 1e9 units',
    args: () => ['sweep', '--config', 'sweep.json'],
    files: {
      'model.json': model,
      'sweep.json': sweep({ 'layers[0].dense': { type: 'categorical', choices: [16, 1e9] } }),
    },
    message: /^fanin: sweep\.json: space\.layers\[0\]\.dense = 1000000000: .*at most 268,435,456/,
  },
  {
    name: 'an unknown activation in an experiment command (after its output directory is chosen)',
    args: () => ['distributions', '--activations', 'rellu'],
    message: /unknown activation "rellu"\. Did you mean "relu"\?/,
  },
];

describe.concurrent('bad input: exit code 2 and one line on stderr, no stack', () => {
  beforeAll(requireBuild);

  it.each(cases)('$name', async ({ args, files, message }) => {
    const directory = temporaryDirectory();
    mkdirSync(join(directory, 'fanin-runs'), { recursive: true });
    for (const [name, content] of Object.entries(files ?? {})) writeFile(directory, name, content);
    const before = new Set(readdirSync(directory));
    const run = await fanin(args(directory), directory);
    // Nothing is left behind: no empty fanin-report/, no journal.
    expect(readdirSync(directory).filter((name) => !before.has(name))).toEqual([]);
    expect(readdirSync(join(directory, 'fanin-runs'))).toEqual([]);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
  });
});
