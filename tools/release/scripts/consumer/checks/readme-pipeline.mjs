// README.md's "Compose a pipeline": its install line, then its sample as written, in a fresh
// ES module project.
import { readmePipeline } from '../guide.mjs';
import { check, freshProject } from '../project.mjs';
import { log } from '../shell.mjs';

export async function readmeSample({ area, env, repoRoot }) {
  const { installLine, packages, code } = readmePipeline(repoRoot);
  const project = await freshProject(area, 'readme-pipeline', env);
  await project.install(packages);
  project.write('pipeline.mjs', code);
  const { stdout } = await project.node(['pipeline.mjs'], { timeout: 600_000 });
  // console.log of an array of numbers: `[ 0.91, 0.93, ... ]`, over several lines when long.
  const printed = stdout.slice(stdout.lastIndexOf('[')).trim();
  const accuracies = printed.endsWith(']')
    ? printed
        .slice(1, -1)
        .split(',')
        .map((value) => Number(value.trim()))
    : [];
  check(
    accuracies.length > 0 && accuracies.every((value) => value >= 0 && value <= 1),
    `the README sample printed ${JSON.stringify(printed)}, not the validation accuracies`,
  );
  check(
    accuracies.at(-1) > 0.8,
    `the README sample reached only ${accuracies.at(-1)} validation accuracy`,
  );
  log(`readme: the pipeline sample trains (validation accuracy ${accuracies.at(-1)})`);
  return { installLine, validationAccuracy: accuracies.at(-1) };
}
