#!/usr/bin/env node
// `tool-compare` from npm: starts the native program this package carries
// (built for the platforms below), passing the arguments, the terminal and
// the exit status through, and forwarding the signals that stop it (so that
// stopping `npx tool-compare serve` stops the server too).
'use strict';
const { spawn } = require('node:child_process');
const { accessSync, chmodSync, constants } = require('node:fs');
const { join } = require('node:path');

/** `process.platform process.arch` → the program's folder in this package. */
const PLATFORMS = { 'linux x64': 'linux-x64' };

const platform = `${process.platform} ${process.arch}`;
const folder = PLATFORMS[platform];
if (!folder) {
  console.error(
    `tool-compare: there is no build for ${platform} in this package; it runs on: ${Object.keys(PLATFORMS).join(', ')} ` +
      '(x86_64-unknown-linux-gnu). The archive tool-compare-<version>-x86_64-unknown-linux-gnu.tar.gz holds the same program.',
  );
  process.exit(1);
}
const program = join(__dirname, '..', 'native', folder, 'tool-compare');
try {
  accessSync(program, constants.X_OK);
} catch {
  // Some installers drop the executable bit of files that are not `bin`.
  chmodSync(program, 0o755);
}
const child = spawn(program, process.argv.slice(2), { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (err) => {
  console.error(`tool-compare: cannot start ${program}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
