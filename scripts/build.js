#!/usr/bin/env node
// Compiles apps/ and libs/ (and the TypeScript scripts) to dist/ with swc: about a second, no type-check
// (`npm run typecheck` does that).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');

function build() {
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const swc = path.join(root, 'node_modules', '@swc', 'cli', 'bin', 'swc.js');
  execFileSync(
    process.execPath,
    [
      swc,
      'apps',
      'libs',
      'scripts',
      'bench',
      '-d',
      'dist',
      '--config-file',
      '.swcrc',
      '--quiet',
      '--ignore',
      '**/*.spec.ts',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}

module.exports = { build };
if (require.main === module) build();
