// A controller process of the fault tests: `controller.ts <redis url> <json settings>` with
// { name, seed, trials, epochs, stepMs, lookahead }. Prints the summary as JSON.
import { runController } from '../../src/index.js';
import { bowlSpace, objective } from '../support/sweep.js';

const [redisUrl, json] = process.argv.slice(2);
const settings = JSON.parse(json!) as {
  name: string;
  seed: number;
  trials: number;
  epochs: number;
  stepMs: number;
  lookahead: number;
};
const summary = await runController({
  redisUrl: redisUrl!,
  name: settings.name,
  seed: settings.seed,
  epochs: settings.epochs,
  space: bowlSpace(settings.stepMs),
  trials: settings.trials,
  lookahead: settings.lookahead,
  pollInterval: 50,
  objective,
  log: (line) => console.error(line),
});
console.log(JSON.stringify(summary));
