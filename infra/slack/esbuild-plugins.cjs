// esbuild plugins for the Lambda bundles (serverless.yml, custom.esbuild.plugins).
//
// The built-in playbooks are YAML files read at run time from "../../playbooks/" relative to
// the running module (src/playbooks/load-playbooks.ts). Bundled, the running module is the
// handler file (src/adapters/aws-lambda/worker.mjs in the zip), so the playbooks are copied to
// where that same relative path lands from it. test/infra/ runs the zipped worker to prove it.
const { cpSync, readdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const PLAYBOOKS = resolve(__dirname, '../../playbooks');

module.exports = [
  {
    name: 'k8s-why-built-in-playbooks',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        const target = join(build.initialOptions.outdir, '../../playbooks');
        for (const name of readdirSync(PLAYBOOKS).filter((file) => /\.ya?ml$/.test(file))) {
          cpSync(join(PLAYBOOKS, name), join(target, name));
        }
      });
    },
  },
];
