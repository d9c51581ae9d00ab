// Entry of every measurement child: `node child-main.js <task> <json-args>` (see child.ts).
// The end-to-end tasks (server and clients) are loaded only by the children that run them.

import { childMain } from './child';

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0]?.startsWith('e2e-') === true) await import('./e2e');
  await childMain(argv);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
