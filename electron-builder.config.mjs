// electron-builder's configuration for `npm run dist` (bin/dist.js): the desktop app's installers, AppImage
// and deb on Linux, dmg on macOS, NSIS on Windows, each built on its own platform (better-sqlite3 is compiled
// for Electron on the build machine). tests/unit/packaging/packaging-config.test.ts checks it without Electron.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** resources/linux/emotion-studio.desktop's [Desktop Entry] keys: the one source for the menu entry. */
function desktopEntry() {
  const entry = {};
  let inEntry = false;
  for (const line of fs.readFileSync(here('resources/linux/emotion-studio.desktop'), 'utf8').split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const group = /^\[(.+)\]$/.exec(line.trim());
    if (group) inEntry = group[1] === 'Desktop Entry';
    else if (inEntry) {
      const eq = line.indexOf('=');
      entry[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
  }
  return entry;
}

/** electron-fuses.json (FuseV1Options names) as electron-builder's electronFuses (the same names, camelCase). */
function fuses() {
  const named = JSON.parse(fs.readFileSync(here('electron-fuses.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(named)
      .filter(([name]) => !name.startsWith('$'))
      .map(([name, on]) => [name[0].toLowerCase() + name.slice(1), on]),
  );
}

// electron-builder writes Exec and TryExec for where each target installs the app; Comment and Categories
// go through its own options (it would overwrite them from the description and category otherwise).
const { Exec: _exec, TryExec: _tryExec, Comment, Categories, ...entry } = desktopEntry();

// Where `npm ci` fetched Electron, packaging reuses that binary instead of downloading it again.
const electronDist = here('./node_modules/electron/dist');

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'org.emotionstudio.EmotionStudio',
  productName: 'Emotion Studio',
  executableName: 'emotion-studio',
  copyright: 'Copyright © Emotion Studio contributors (MIT licence)',
  directories: { output: 'dist', buildResources: 'resources' },
  electronDist: fs.existsSync(electronDist) ? electronDist : undefined,
  // The app as electron-vite builds it, the Electron build of the database driver (bin/rebuild-electron.js)
  // and the README the Help menu opens, with the guide it links to. Production dependencies are added by
  // electron-builder itself.
  files: [
    'package.json',
    'README.md',
    'docs/*.md',
    'out/**/*',
    'build/electron/better_sqlite3.node',
    '!out/**/*.map',
    // better-sqlite3's sources and its Node build: the app loads the Electron build above (nativeBinding)
    '!node_modules/better-sqlite3/{deps,src,build}/**',
    // tsx and esbuild run the TypeScript sources (the CLI, tests); the packaged app runs compiled code only
    '!node_modules/{tsx,esbuild,@esbuild}/**',
    // source maps and bundle-size reports: two thirds of the dependencies' bytes (tfjs ships ~200 MB of maps)
    '!node_modules/**/*.map',
    '!node_modules/**/*.min.js.html',
  ],
  asar: true,
  // Native code can't be loaded from inside an asar archive: every .node file (the database driver,
  // resvg's renderer) and tfjs-node's shared libraries, when it is installed, sit in app.asar.unpacked.
  asarUnpack: ['build/electron/*.node', 'node_modules/**/*.node', 'node_modules/@tensorflow/tfjs-node*/**'],
  // node_modules keeps the Node build the CLI and the tests load; the Electron build was made apart.
  npmRebuild: false,
  electronFuses: fuses(),
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons',
    category: Categories,
    description: Comment,
    maintainer: 'Emotion Studio contributors',
    synopsis: 'Speech emotion recognition studio',
    syncDesktopName: true,
    desktop: { entry },
  },
  deb: { packageCategory: 'sound' },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  mac: {
    target: ['dmg'],
    icon: 'resources/icon.icns',
    category: 'public.app-category.education',
    // Shown when the Predict screen first asks for the microphone.
    extendInfo: {
      NSMicrophoneUsageDescription:
        'Emotion Studio listens to the microphone only while you record or score your voice on the Predict screen.',
    },
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  win: { target: ['nsis'], icon: 'resources/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
};
