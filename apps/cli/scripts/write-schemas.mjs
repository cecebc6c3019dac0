// Writes the JSON Schemas of the config files (schemas/*.schema.json) from the registry of
// the built CLI, so they ship with the package and editors complete model and sweep files
// ("$schema": "node_modules/@fanin/cli/schemas/model.schema.json"). Run by `pnpm build`;
// src/schemas/config-schemas.test.ts fails when the committed files fall behind the registry.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliRegistry, generateSchemas, schemaText } from '../dist/index.js';

const directory = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(directory, { recursive: true });
let changed = 0;
for (const [name, schema] of Object.entries(generateSchemas(cliRegistry()))) {
  const file = join(directory, name);
  const text = schemaText(schema);
  let before;
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    before = undefined;
  }
  if (before === text) continue;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  changed++;
  console.log(`wrote schemas/${name}`);
}
if (changed === 0) console.log('schemas are up to date');
