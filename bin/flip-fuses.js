#!/usr/bin/env node
// `node bin/flip-fuses.js <packaged Electron binary>`: flips the fuses electron-fuses.json names on a packaged
// copy of the app (never on node_modules/electron, which `npm start` runs unpackaged). The ASAR fuses only
// make sense for an app packaged as app.asar; the others apply to any build.
import fs from 'node:fs';

const binary = process.argv[2];
if (!binary || !fs.existsSync(binary)) {
  process.stderr.write('usage: node bin/flip-fuses.js <path to the packaged Electron binary>\n');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(new URL('../electron-fuses.json', import.meta.url), 'utf8'));
let fuses;
try {
  fuses = await import('@electron/fuses');
} catch {
  process.stderr.write(
    'flip-fuses: @electron/fuses is not installed (npm install --save-dev @electron/fuses)\n',
  );
  process.exit(1);
}
const { flipFuses, FuseVersion, FuseV1Options } = fuses;
const options = {
  version: FuseVersion.V1,
  // Flipping fuses invalidates an ad-hoc signature on Apple silicon; it is re-signed ad hoc.
  resetAdHocDarwinSignature: process.platform === 'darwin' && process.arch === 'arm64',
};
for (const [name, value] of Object.entries(config)) {
  if (name.startsWith('$')) continue;
  if (!(name in FuseV1Options)) {
    process.stderr.write(`flip-fuses: unknown fuse ${name}\n`);
    process.exit(1);
  }
  options[FuseV1Options[name]] = value;
}
await flipFuses(binary, options);
process.stdout.write(
  `flipped ${Object.keys(config).filter((k) => !k.startsWith('$')).length} fuses in ${binary}\n`,
);
