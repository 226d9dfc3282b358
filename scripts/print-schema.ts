// `npm run schema:print` writes what codegen.ts generates (the schema, the typed documents and the
// persisted-documents manifest); `--check` only compares, and fails with the list of files that
// differ from what the code would generate.
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

const check = process.argv.includes('--check');
const outputs = (await generate({ ...config, silent: true }, !check)) as {
  filename: string;
  content: string;
}[];
if (check) {
  const stale = outputs.filter(({ filename, content }) => {
    try {
      return readFileSync(filename, 'utf8') !== content;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(
      `Generated files are out of date: ${stale.map((o) => o.filename).join(', ')}. ` +
        'Run `npm run schema:print` and commit the result.',
    );
    process.exit(1);
  }
  console.log(`schema:check: ${outputs.length} generated file(s) up to date`);
}
