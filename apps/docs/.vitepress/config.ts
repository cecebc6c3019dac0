import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { demoPages } from '../scripts/generate/availability.mjs';

const docsRoot = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  sections: { kind: string; title: string; link: string; entries: { name: string; link: string }[] }[];
  api: { text: string; link: string }[];
  cli: { text: string; link: string }[];
}

// Written by scripts/generate.mjs, which the build and dev scripts run first.
const manifestFile = `${docsRoot}reference/manifest.json`;
const manifest: Manifest = existsSync(manifestFile)
  ? JSON.parse(readFileSync(manifestFile, 'utf8'))
  : { sections: [], api: [], cli: [] };
if (!existsSync(manifestFile)) {
  console.warn('[docs] reference/manifest.json is missing: run `node scripts/generate.mjs` (the build and dev scripts do)');
}

// Demo pages whose packages have not landed yet stay out of the build.
const demos = demoPages();
const builtDemos = demos.filter((demo) => demo.missing.length === 0);
for (const demo of demos.filter((d) => d.missing.length > 0)) {
  console.warn(`[docs] leaving out ${demo.path}: ${demo.missing.join('; ')}`);
}

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Activations', link: '/guide/activations' },
      { text: 'Initialization', link: '/guide/initialization' },
      { text: 'Batch normalization', link: '/guide/batch-normalization' },
      { text: 'Hyperparameter search', link: '/guide/hyperparameter-search' },
      { text: 'Reading a training run', link: '/guide/reading-a-training-run' },
      { text: 'Writing a plugin', link: '/guide/writing-a-plugin' },
    ],
  },
];

const demoSidebar: DefaultTheme.SidebarItem[] = [
  { text: 'Live demos', link: '/demos/', items: builtDemos.map((demo) => ({ text: demo.title, link: demo.link })) },
];

const referenceSidebar: DefaultTheme.SidebarItem[] = [
  { text: 'Reference', link: '/reference/' },
  ...manifest.sections.map((section) => ({
    text: section.title,
    link: section.link,
    collapsed: true,
    items: section.entries.map((entry) => ({ text: entry.name, link: entry.link })),
  })),
  ...(manifest.api.length > 0 ? [{ text: 'API', collapsed: false, items: manifest.api }] : []),
  ...(manifest.cli.length > 0 ? [{ text: 'CLI', link: '/reference/cli/', collapsed: true, items: manifest.cli }] : []),
];

export default defineConfig({
  title: 'fanin',
  description: 'Activations, initialization, normalization and hyperparameter search on TensorFlow.js',
  lang: 'en-US',
  cleanUrls: true,
  srcExclude: ['README.md', 'test/**', 'scripts/**', 'test-artifacts/**', ...demos.filter((d) => d.missing.length > 0).map((d) => d.path)],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  themeConfig: {
    logo: '/favicon.svg',
    nav: [
      { text: 'Guide', link: '/guide/getting-started', activeMatch: '^/guide/' },
      { text: 'Demos', link: '/demos/', activeMatch: '^/demos/' },
      { text: 'Reference', link: '/reference/', activeMatch: '^/reference/' },
    ],
    sidebar: { '/guide/': guide, '/demos/': demoSidebar, '/reference/': referenceSidebar },
    outline: [2, 3],
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: 'https://github.com/fanin-dev/fanin' }],
    footer: { message: 'MIT licensed. Every number on this site is computed by the fanin packages.' },
  },
  vite: {
    // The demos import the packages' TypeScript sources: no package build is needed for the site.
    resolve: { conditions: ['@fanin/source'] },
    build: { chunkSizeWarningLimit: 4096 },
  },
});
