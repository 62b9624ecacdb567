#!/usr/bin/env node
// In a checkout, run the TypeScript sources (Node 24 strips types), so an edit is live with no
// build step and `npx k8s-why` can never run a stale compile. An installed package lives under
// node_modules, where Node will not strip types: it runs its compiled dist/.
const fromSource = !import.meta.url.includes('/node_modules/') && Boolean(process.features.typescript);
await import(fromSource ? '../src/cli/main.ts' : '../dist/cli/main.js');
