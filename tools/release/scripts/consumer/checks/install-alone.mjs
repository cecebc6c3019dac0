// Each public package installed alone in a fresh npm project (its dependencies and peers come
// from the registry) and imported. Three installs run at a time: they wait on the registry more
// than on the processor.
import { check, freshProject, megabytes } from '../project.mjs';
import { log } from '../shell.mjs';

const AT_ONCE = 3;

async function installAlone({ area, env }, { name, version }) {
  const project = await freshProject(area, `alone-${name.replace(/[@/]/g, '-')}`, env);
  await project.install([`${name}@${version}`]);
  const { stdout } = await project.node([
    '--input-type=module',
    '-e',
    `const m = await import(${JSON.stringify(name)}); console.log(Object.keys(m).length);`,
  ]);
  const exports = Number(stdout.trim().split('\n').at(-1));
  check(exports > 0, `${name}: import() gave a module with no exports`);
  const bytes = project.installedBytes();
  log(`alone: ${name}@${version} installs (${megabytes(bytes)}) and imports (${exports} exports)`);
  return { name, exports, installedBytes: bytes };
}

export async function installEachAlone(context) {
  const queue = [...context.released];
  const results = [];
  const failures = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        results.push(await installAlone(context, next));
      } catch (error) {
        failures.push(`${next.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  if (failures.length > 0) throw new Error(failures.join('\n'));
  return results.sort((a, b) => a.name.localeCompare(b.name));
}
