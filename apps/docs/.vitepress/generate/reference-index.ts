// The reference landing page: links to every generated section.
import { frontmatter, inlineCode, table } from './markdown.js';

/** What the reference sidebar and landing page list (also written as reference/manifest.json). */
export interface Manifest {
  readonly sections: readonly {
    readonly kind: string;
    readonly title: string;
    readonly link: string;
    readonly entries: readonly { readonly name: string; readonly link: string }[];
  }[];
  /** The classic experiments (reference/experiments/), apart from the registry and the CLI. */
  readonly experiments: readonly { readonly name: string; readonly link: string }[];
  readonly api: readonly { readonly text: string; readonly link: string }[];
  readonly cli: readonly { readonly text: string; readonly link: string }[];
}

/** The reference landing page. */
export function renderReferenceIndex({ sections, experiments, api, cli }: Manifest): string {
  const lines = [
    frontmatter({
      title: 'Reference',
      description: 'Generated from the code: registry entries, experiments, the API and the CLI.',
    }),
    '',
    '# Reference',
    '',
    'Everything on these pages is generated from the code at every build: the registry pages from',
    `${inlineCode('createRegistry({ plugins }).list(kind)')} (names, aliases, option schemas, metadata), the experiment`,
    `pages from the ${inlineCode('experiments')} table of ${inlineCode('@fanin/experiments')}, the API pages from the packages'`,
    'exports and doc comments (TypeDoc), and the CLI pages from the option declarations the CLI parses with.',
    '',
  ];
  if (sections.length > 0) {
    lines.push(
      '## Registry',
      '',
      table(
        ['Kind', 'Entries'],
        sections.map((section) => [
          `[${section.title}](${section.link})`,
          String(section.entries.length),
        ]),
      ),
      '',
    );
  }
  if (experiments.length > 0) {
    lines.push(
      '## Experiments',
      '',
      `[The classic experiments](/reference/experiments/), each a function of a JSON config: ${experiments.map((experiment) => `[${inlineCode(experiment.name)}](${experiment.link})`).join(', ')}.`,
      '',
    );
  }
  if (api.length > 0) {
    lines.push(
      '## API',
      '',
      ...api.map((item) => `- [${inlineCode(item.text)}](${item.link})`),
      '',
    );
  }
  if (cli.length > 0) {
    lines.push('## CLI', '', `[Every command](/reference/cli/) of ${inlineCode('fanin')}.`, '');
  }
  return lines.join('\n');
}
