// What the docs tell a user to do, read from the pages themselves, so the consumer test runs
// exactly the commands and files a reader sees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Fenced code blocks and VitePress file includes (`<<< @/path`) of a markdown page, in order. */
export function pageBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const include = /^<<<\s+@\/(\S+?)(#\S+)?(\s|$)/.exec(line);
    if (include) {
      blocks.push({ kind: 'include', path: include[1], region: include[2]?.slice(1), line: i + 1 });
      continue;
    }
    const fence = /^```(\S*)/.exec(line);
    if (!fence) continue;
    const body = [];
    const start = i + 1;
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
    blocks.push({ kind: 'code', language: fence[1], text: body.join('\n'), line: start });
  }
  return blocks;
}

function section(markdown, heading) {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no "${heading}" section`);
  const next = markdown.indexOf('\n## ', start + heading.length + 2);
  return markdown.slice(start, next < 0 ? undefined : next);
}

/** The packages of an `npm install a b c   # comment` line. */
function installedPackages(line) {
  const words = line.replace(/#.*$/, '').trim().split(/\s+/);
  if (words[0] !== 'npm' || !['install', 'i'].includes(words[1] ?? '')) {
    throw new Error(`not an npm install line: ${line}`);
  }
  return words.slice(2).filter((word) => !word.startsWith('-'));
}

/** The first `npm install` line of the getting-started guide's Install section. */
export function guideInstallLine(repoRoot) {
  const page = readFileSync(join(repoRoot, 'apps/docs/guide/getting-started.md'), 'utf8');
  const block = pageBlocks(section(page, '## Install')).find(
    (candidate) => candidate.kind === 'code' && candidate.language === 'sh',
  );
  const text = block?.text.split('\n').find((line) => line.startsWith('npm install'));
  if (!text) throw new Error('getting-started.md: the Install section has no npm install line');
  return { text, packages: installedPackages(text) };
}

/** The lines of the first `sh` block under a README.md heading. */
export function readmeCommands(repoRoot, heading) {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = pageBlocks(section(readme, heading)).find(
    (candidate) => candidate.kind === 'code' && candidate.language === 'sh',
  );
  if (!block) throw new Error(`README.md: "${heading}" has no sh block`);
  return block.text.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
}

/** README.md's pipeline sample: its install line and its code. */
export function readmePipeline(repoRoot) {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const blocks = pageBlocks(section(readme, '## Compose a pipeline'));
  const install = blocks.find((block) => block.kind === 'code' && block.language === 'sh');
  const sample = blocks.find((block) => block.kind === 'code' && block.language === 'ts');
  const text = install?.text.split('\n').find((line) => line.startsWith('npm install'));
  if (!text || !sample)
    throw new Error('README.md: "Compose a pipeline" needs an npm install line and a ts sample');
  return { installLine: text, packages: installedPackages(text), code: sample.text };
}

/**
 * A guide as one bash script: its `sh` blocks verbatim and its file includes written to disk.
 * An include `@/examples/<example>/<path>` is written to `<path>` in the folder the script is in
 * at that point (each example is the content of one folder the reader creates).
 */
export function guideScript(repoRoot, page) {
  const docs = join(repoRoot, 'apps/docs');
  const markdown = readFileSync(join(docs, page), 'utf8');
  const steps = ['set -euo pipefail'];
  for (const block of pageBlocks(markdown)) {
    if (block.kind === 'code') {
      if (block.language === 'sh') steps.push(`# ${page}:${block.line}`, block.text);
      continue;
    }
    if (block.region)
      throw new Error(`${page}:${block.line}: an include of a region cannot be followed as a file`);
    const match = /^examples\/[^/]+\/(.+)$/.exec(block.path);
    if (!match)
      throw new Error(`${page}:${block.line}: includes ${block.path}, not an example file`);
    const target = match[1];
    const content = readFileSync(join(docs, block.path), 'utf8');
    steps.push(
      `# ${page}:${block.line}: the file ${target}`,
      `mkdir -p "$(dirname ${JSON.stringify(target)})"`,
      `cat > ${JSON.stringify(target)} <<'FANIN_GUIDE_FILE_END'\n${content.replace(/\n$/, '')}\nFANIN_GUIDE_FILE_END`,
    );
  }
  return steps.join('\n');
}
