// @fanin/core + @fanin/activations + @fanin/initializers alone, installed with the first line of
// the getting-started guide's install block: train a model on cpu and on wasm from Node ESM, then
// load the same packages with require() from CommonJS.
import { check, freshProject } from '../project.mjs';
import { log } from '../shell.mjs';
import { guideInstallLine } from '../guide.mjs';

const TRAIN = `
import { activations } from '@fanin/activations';
import { buildModel, core, createRegistry, currentBackend, fit, tf, useBackend } from '@fanin/core';
import { initializers } from '@fanin/initializers';

await useBackend(process.argv[2]);
const fanin = createRegistry({ plugins: [core, activations, initializers] });
const model = buildModel(
  {
    inputShape: [2],
    seed: 1,
    layers: [
      { dense: 32, init: 'heNormal', activation: 'relu' },
      { dense: 32, init: 'heNormal', activation: { type: 'leakyRelu', alpha: 0.01 } },
      { dense: 2, init: 'glorotUniform' },
    ],
  },
  { registry: fanin },
);
// Two classes: inside or outside the unit circle.
const points = [];
const labels = [];
let state = 7;
const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 4 - 2;
for (let i = 0; i < 400; i++) {
  const a = uniform();
  const b = uniform();
  points.push([a, b]);
  labels.push(a * a + b * b < 1.6 ? 1 : 0);
}
const data = { x: tf.tensor2d(points), y: tf.tensor1d(labels, 'int32') };
const history = await fit(model, data, {
  epochs: 40,
  batchSize: 40,
  optimizer: fanin.optimizer('adam', { learningRate: 0.01 }),
  loss: fanin.loss('softmaxCrossEntropy'),
  metrics: ['accuracy'],
  seed: 1,
});
console.log(JSON.stringify({
  backend: currentBackend(),
  firstLoss: history.logs.loss[0],
  lastLoss: history.logs.loss.at(-1),
  accuracy: history.logs.accuracy.at(-1),
}));
`;

const REQUIRE = `
const { core, createRegistry } = require('@fanin/core');
const { activations } = require('@fanin/activations');
const { initializers } = require('@fanin/initializers');
const fanin = createRegistry({ plugins: [core, activations, initializers] });
console.log(JSON.stringify({ activations: fanin.list('activation').length, initializers: fanin.list('initializer').length }));
`;

export async function minimalTraining({ area, env, repoRoot }) {
  const line = guideInstallLine(repoRoot);
  const project = await freshProject(area, 'minimal', env);
  await project.install(line.packages);
  project.write('train.mjs', TRAIN);
  const runs = {};
  for (const backend of ['cpu', 'wasm']) {
    const { stdout } = await project.node(['train.mjs', backend]);
    const result = JSON.parse(stdout.trim().split('\n').at(-1));
    check(result.backend === backend, `trained on ${result.backend}, asked for ${backend}`);
    check(
      result.lastLoss < result.firstLoss * 0.5 && result.accuracy > 0.85,
      `training on ${backend} did not learn: ${JSON.stringify(result)}`,
    );
    log(
      `esm: ${backend}: loss ${result.firstLoss.toFixed(3)} -> ${result.lastLoss.toFixed(3)}, accuracy ${result.accuracy.toFixed(3)}`,
    );
    runs[backend] = result;
  }
  project.write('load.cjs', REQUIRE);
  const { stdout } = await project.node(['load.cjs']);
  const loaded = JSON.parse(stdout.trim().split('\n').at(-1));
  check(
    loaded.activations > 5 && loaded.initializers > 5,
    `require() loaded ${JSON.stringify(loaded)}`,
  );
  log(
    `cjs: require() of core, activations and initializers works (${loaded.activations} activations)`,
  );
  return { installLine: line.text, runs, require: loaded };
}
