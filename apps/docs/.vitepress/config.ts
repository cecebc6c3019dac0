import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfigWithTheme } from 'vitepress';
import { demoPages } from './generate/availability.js';
import { generateReference } from './generate/index.js';

// The reference is generated from the code each time the site is built or served.
const manifest = await generateReference();

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
      { text: 'Conv networks', link: '/guide/conv-networks' },
      { text: 'Hyperparameter search', link: '/guide/hyperparameter-search' },
      { text: 'Watching a sweep live', link: '/guide/live-dashboard' },
      { text: 'Reading a training run', link: '/guide/reading-a-training-run' },
      { text: 'Training speed', link: '/guide/training-speed' },
      { text: 'Writing a plugin', link: '/guide/writing-a-plugin' },
    ],
  },
];

const demoSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Live demos',
    link: '/demos/',
    items: builtDemos.map((demo) => ({ text: demo.title, link: demo.link })),
  },
];

const referenceSidebar: DefaultTheme.SidebarItem[] = [
  { text: 'Reference', link: '/reference/' },
  ...manifest.sections.map((section) => ({
    text: section.title,
    link: section.link,
    collapsed: true,
    items: section.entries.map((entry) => ({ text: entry.name, link: entry.link })),
  })),
  ...(manifest.experiments.length > 0
    ? [
        {
          text: 'Experiments',
          link: '/reference/experiments/',
          collapsed: true,
          items: manifest.experiments.map((experiment) => ({
            text: experiment.name,
            link: experiment.link,
          })),
        },
      ]
    : []),
  ...(manifest.api.length > 0 ? [{ text: 'API', collapsed: false, items: [...manifest.api] }] : []),
  ...(manifest.cli.length > 0
    ? [{ text: 'CLI', link: '/reference/cli/', collapsed: true, items: [...manifest.cli] }]
    : []),
];

/** The default theme's settings plus the list of built demos (read by demos/index.md). */
export interface ThemeConfig extends DefaultTheme.Config {
  demos: { title: string; link: string; description: string }[];
}

export default defineConfigWithTheme<ThemeConfig>({
  title: 'fanin',
  description:
    'Activations, initialization, normalization and hyperparameter search on TensorFlow.js',
  lang: 'en-US',
  cleanUrls: true,
  srcExclude: [
    'README.md',
    'examples/**',
    'test/**',
    'test-artifacts/**',
    ...demos.filter((d) => d.missing.length > 0).map((d) => d.path),
  ],
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
    demos: builtDemos.map(({ title, link, description }) => ({ title, link, description })),
    footer: {
      message: 'MIT licensed. Every number on this site is computed by the fanin packages.',
    },
  },
  vite: {
    resolve: {
      // The demos import the packages' TypeScript sources: no package build is needed for the site.
      conditions: ['@fanin/source'],
      // The demos never load MNIST; keep its 20 MB out of the bundle.
      alias: { mnist: fileURLToPath(new URL('./theme/lib/mnist-unavailable.ts', import.meta.url)) },
    },
    build: { chunkSizeWarningLimit: 4096 },
  },
});
