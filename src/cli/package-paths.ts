import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/cli/*.ts and dist/cli/*.js both sit two levels below the package root, so the demo and the
// built-in playbooks are found the same way from a checkout, a global install or npx.
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const DEMO_SNAPSHOT = resolve(packageRoot, 'demo/shop.json');
export const DEMO_NAMESPACE = 'shop';
