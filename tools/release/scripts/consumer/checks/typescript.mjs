// TypeScript users: the published declarations type-check under moduleResolution node16 and
// bundler, names and options are typed, and a misspelled activation is a compile error.
import { check, freshProject } from '../project.mjs';
import { log } from '../shell.mjs';

const GOOD = `
import { activations } from '@fanin/activations';
import { buildModel, core, createRegistry, type Module } from '@fanin/core';
import { initializers } from '@fanin/initializers';

const fanin = createRegistry({ plugins: [core, activations, initializers] });
const act: Module = fanin.activation('leakyRelu', { alpha: 0.01 });
const init = fanin.initializer('kaimingNormal');
const model = buildModel(
  { inputShape: [4], seed: 1, layers: [{ dense: 8, init: 'heNormal', activation: 'relu' }] },
  { registry: fanin },
);
export { act, init, model };
`;

const MISSPELLED = `
import { activations } from '@fanin/activations';
import { core, createRegistry } from '@fanin/core';

const fanin = createRegistry({ plugins: [core, activations] });
export const act = fanin.activation('rellu');
`;

const BAD_OPTION = `
import { activations } from '@fanin/activations';
import { core, createRegistry } from '@fanin/core';

const fanin = createRegistry({ plugins: [core, activations] });
export const act = fanin.activation('leakyRelu', { alpha: 'x' });
`;

const MODES = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

function tsconfig(mode, file) {
  return JSON.stringify({
    compilerOptions: {
      target: 'es2022',
      ...MODES[mode],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ['es2023', 'dom'],
      types: [],
    },
    files: [file],
  });
}

export async function typescriptUsers({ area, env, released }) {
  const version = (name) => released.find((pkg) => pkg.name === name).version;
  const project = await freshProject(area, 'typescript', env);
  await project.install([
    `@fanin/core@${version('@fanin/core')}`,
    `@fanin/activations@${version('@fanin/activations')}`,
    `@fanin/initializers@${version('@fanin/initializers')}`,
    'typescript@~5.9.3',
  ]);
  project.write('good.ts', GOOD);
  project.write('misspelled.ts', MISSPELLED);
  project.write('bad-option.ts', BAD_OPTION);
  const results = {};
  for (const mode of Object.keys(MODES)) {
    for (const [file, expectError] of [
      ['good.ts', null],
      ['misspelled.ts', /"rellu"/],
      [
        'bad-option.ts',
        /bad-option\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/,
      ],
    ]) {
      const config = `tsconfig.${mode}.${file.replace('.ts', '')}.json`;
      project.write(config, tsconfig(mode, file));
      const { code, stdout, stderr } = await project.npx(['tsc', '-p', config], {
        allowFailure: true,
      });
      const output = `${stdout}${stderr}`;
      if (expectError === null) {
        check(code === 0, `tsc (${mode}) rejects correct code:\n${output}`);
      } else {
        check(code !== 0, `tsc (${mode}) accepts ${file}, which it must reject`);
        check(
          expectError.test(output),
          `tsc (${mode}) rejects ${file} for another reason:\n${output}`,
        );
      }
      results[`${mode} ${file}`] = code === 0 ? 'compiles' : output.split('\n')[0];
    }
    log(
      `typescript: ${mode}: correct code compiles; a misspelled activation and a bad option do not`,
    );
  }
  return results;
}
