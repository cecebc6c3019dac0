// Reads the commands a docs page tells its reader to run: shell lines of sh code blocks and
// inline code spans, split into words as a shell would, and the packages its npm install
// lines install. The commands test checks them against the CLI's own parser and the
// packages' peer dependencies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DOCS_ROOT } from './paths.js';

const SKIPPED = new Set(['node_modules', 'dist', 'cache', 'test-artifacts', 'test', '.turbo']);

/** Every Markdown page and Vue component of the docs (guides, demos, examples, generated reference). */
export function docsFiles(root: string = DOCS_ROOT): string[] {
  const files: string[] = [];
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(md|vue)$/.test(entry.name)) files.push(path);
    }
  };
  visit(root);
  return files.sort();
}

/** A path relative to apps/docs, for messages. */
export function docsPath(file: string): string {
  return relative(DOCS_ROOT, file).split(sep).join('/');
}

/** Every place a text says to run fanin through `npx fanin` (npm's `fanin` is someone else's package). */
export function npxFaninUses(text: string): string[] {
  return [...text.matchAll(/\bnpx\s+(?:-\S+\s+)*fanin(?![\w@/.-])[^\n`]*/g)].map((match) =>
    match[0].trim(),
  );
}

export interface CodeBlock {
  readonly language: string;
  readonly code: string;
}

/** The fenced code blocks of a Markdown text, with `<<< @/path` snippets read from their files. */
export function codeBlocks(markdown: string, root: string = DOCS_ROOT): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const match of markdown.matchAll(/^(`{3,}|~{3,})([\w-]*)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm))
    blocks.push({ language: match[2] ?? '', code: match[3] ?? '' });
  for (const match of markdown.matchAll(/^<<<\s+@\/(\S+?)(?:#[\w-]+)?(?:\s|$)/gm)) {
    const file = join(root, match[1]!);
    if (existsSync(file))
      blocks.push({ language: file.replace(/^.*\./, ''), code: readFileSync(file, 'utf8') });
  }
  return blocks;
}

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);

/** Splits a shell line into words: quotes group, a # starts a comment. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(#.*$)|(\S+)/g)) {
    if (match[3] !== undefined) break;
    words.push(match[1] ?? match[2] ?? match[4]!);
  }
  return words;
}

/** A command line of a page: its words, and whether it is an inline code span (else a shell block line). */
export interface ShellCommand {
  readonly words: readonly string[];
  readonly inline: boolean;
}

/** The commands of a Markdown text: each line of its shell blocks and each inline code span, split at `&&`, `;` and `|`. */
export function shellCommands(markdown: string): ShellCommand[] {
  const withoutBlocks = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  const lines = [
    ...codeBlocks(markdown)
      .filter((block) => SHELL_LANGUAGES.has(block.language))
      .flatMap((block) => block.code.replace(/\\\n\s*/g, ' ').split('\n'))
      .map((line) => ({ line, inline: false })),
    ...[...withoutBlocks.matchAll(/`([^`\n]+)`/g)].map((match) => ({
      line: match[1]!,
      inline: true,
    })),
  ];
  return lines
    .flatMap(({ line, inline }) =>
      line
        .replace(/^\s*\$\s+/, '')
        .split(/\s(?:&&|;|\|)\s/)
        .map((part) => ({ words: shellWords(part), inline })),
    )
    .filter((command) => command.words.length > 0);
}

/**
 * The arguments after the command name of a fanin command line (`fanin <name> ...` or
 * `npx @fanin/cli <name> ...`), or undefined for another command.
 */
export function faninArguments(words: readonly string[]): string[] | undefined {
  if (words[0] === 'fanin') return words.slice(1);
  if (words[0] === 'npx') {
    let index = 1;
    while (words[index]?.startsWith('-')) index++;
    const target = words[index];
    if (target === '@fanin/cli' || target?.startsWith('@fanin/cli@')) return words.slice(index + 1);
  }
  return undefined;
}

/** The packages an `npm install` / `npm i` command line installs (names without versions), or undefined. */
export function npmInstalled(words: readonly string[]): string[] | undefined {
  if (words[0] !== 'npm' || !['i', 'install', 'add'].includes(words[1] ?? '')) return undefined;
  return words
    .slice(2)
    .filter((word) => !word.startsWith('-'))
    .map((spec) => spec.replace(/^(@?[^@]+)@.*$/, '$1'));
}
