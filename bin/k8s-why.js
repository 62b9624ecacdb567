#!/usr/bin/env node
// In a checkout, run the TypeScript sources (Node 24 strips types), so an edit is live with no
// build step and `npx k8s-why` can never run a stale compile. An installed package lives under
// node_modules, where Node will not strip types: it runs its compiled dist/.
const installed = import.meta.url.includes('/node_modules/');
if (!installed && !process.features.typescript) {
  // An older Node here would run whatever dist/ was last built, maybe days behind the sources.
  process.stderr.write(
    `error: k8s-why needs Node 24 (this is ${process.version}): use npx k8s-why or npm start in this checkout, which run the project's own Node 24\n`,
  );
  process.exit(2);
}
await import(installed ? '../dist/cli/main.js' : '../src/cli/main.ts');
