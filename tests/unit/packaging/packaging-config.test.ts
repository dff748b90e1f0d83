// The installers' configuration, checked without Electron's binary: what electron-builder packs, what it
// leaves outside the asar archive, the worker entries the app starts, the icons, the Linux desktop entry and
// the targets per platform. Where electron-builder is installed, its own schema validates the file too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ICNS_TYPES, ICO_SIZES, LINUX_ICON_SIZES } from '../../../scripts/icon-sizes.js';
import { tempDir } from '../studio/fixtures.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const at = (rel: string): string => path.join(root, rel);
const require = createRequire(import.meta.url);

/** The parts of electron-builder's Configuration this test reads. */
interface BuilderConfig {
  appId: string;
  productName: string;
  executableName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; category: string; desktop: { entry: Record<string, string> } };
  mac: { target: string[]; icon: string; extendInfo: Record<string, string> };
  win: { target: string[]; icon: string };
}

let config: BuilderConfig;
beforeAll(async () => {
  config = (
    (await import(pathToFileURL(at('electron-builder.config.mjs')).href)) as { default: BuilderConfig }
  ).default;
});

// electron-builder's `files` semantics: a path is packed when a positive pattern matches it and no
// negative pattern (!...) does; it adds the production dependencies' node_modules to the positive ones.
function packed(rel: string): boolean {
  const positive = [...config.files.filter((g) => !g.startsWith('!')), 'node_modules/**'];
  const negative = config.files.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  return positive.some((g) => path.matchesGlob(rel, g)) && !negative.some((g) => path.matchesGlob(rel, g));
}
const unpacked = (rel: string): boolean => config.asarUnpack.some((g) => path.matchesGlob(rel, g));

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('makes AppImage and deb on Linux, dmg on macOS and NSIS on Windows, into dist/', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.directories.output).toBe('dist');
    const pkg = JSON.parse(fs.readFileSync(at('package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      main: string;
    };
    expect(pkg.scripts.dist).toBe('node bin/dist.js');
    expect(fs.readFileSync(at('bin/dist.js'), 'utf8')).toContain("'electron-builder.config.mjs'");
    expect(packed(pkg.main)).toBe(true);
  });

  it('packs the built app, the package manifest and the Electron build of the database driver, not the sources', () => {
    for (const rel of [
      'package.json',
      'README.md', // the Help menu opens it (src/main/app-paths.ts)
      'docs/guide.md', // the README links it
      'out/main/index.js',
      'out/main/training-process.js',
      'out/main/select-abc123.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'build/electron/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/@tensorflow/tfjs/dist/tf.node.js',
      'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm',
    ])
      expect(packed(rel), rel).toBe(true);
    for (const rel of [
      'src/main/index.ts',
      'tests/unit/server/start.test.ts',
      'bin/ser.js',
      'resources/icon.svg',
      'out/main/index.js.map',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node', // Node's ABI, not Electron's
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/tsx/dist/cli.mjs',
      'node_modules/@esbuild/linux-x64/bin/esbuild',
      'node_modules/@tensorflow/tfjs/dist/tf.node.js.map',
    ])
      expect(packed(rel), rel).toBe(false);
    // The build resources folder is never packed by electron-builder; build/ (the Electron binding) must not be it.
    expect(config.directories.buildResources).toBe('resources');
  });

  it('rebuilds better-sqlite3 for Electron apart from node_modules, and the app loads that build from where it is packed', () => {
    expect(config.npmRebuild).toBe(false);
    expect(fs.readFileSync(at('bin/dist.js'), 'utf8')).toMatch(/rebuild-electron\.js/);
    expect(fs.readFileSync(at('bin/rebuild-electron.js'), 'utf8')).toMatch(
      /path\.join\(root, 'build', 'electron'\)[\s\S]*'better_sqlite3\.node'/,
    );
    // the shim walks up from out/main/ to <app>/build/electron/better_sqlite3.node
    expect(fs.readFileSync(at('src/main/better-sqlite3-electron.ts'), 'utf8')).toContain(
      "path.join('build', 'electron', 'better_sqlite3.node')",
    );
  });

  it('keeps every native module outside the asar archive', () => {
    expect(config.asar).toBe(true);
    for (const rel of [
      'build/electron/better_sqlite3.node',
      'node_modules/@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node',
      'node_modules/@resvg/resvg-js-darwin-arm64/resvgjs.darwin-arm64.node',
      'node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node',
      'node_modules/@tensorflow/tfjs-node/deps/lib/libtensorflow.so.2',
      'node_modules/@tensorflow/tfjs-node-gpu/deps/lib/libtensorflow.so.2',
    ])
      expect(unpacked(rel), rel).toBe(true);
    // ... and every .node file the runtime dependencies installed here
    const pkg = JSON.parse(fs.readFileSync(at('package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const natives: string[] = [];
    const walk = (dir: string, depth: number): void => {
      if (depth > 6 || !fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full, depth + 1);
        else if (e.name.endsWith('.node')) natives.push(path.relative(root, full).split(path.sep).join('/'));
      }
    };
    for (const dep of [...Object.keys(pkg.dependencies), '@resvg']) walk(at(`node_modules/${dep}`), 0);
    expect(natives.length).toBeGreaterThan(0);
    for (const rel of natives) expect(unpacked(rel), rel).toBe(true);
    // JavaScript stays inside (asar integrity covers it)
    expect(unpacked('out/main/index.js')).toBe(false);
  });

  it('every worker entry the main process starts is a build input, built beside it and packed', async () => {
    // The entries the code starts: the training utility process and the engine's worker_threads.
    const appPaths = fs.readFileSync(at('src/main/app-paths.ts'), 'utf8');
    const processEntries = [...appPaths.matchAll(/here\('\.\/([\w-]+)\.js'\)/g)].map((m) => m[1]);
    expect(processEntries).toEqual(['training-process']);
    const workerEntries = new Set<string>();
    const scan = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) scan(full);
        else if (e.name.endsWith('.ts'))
          for (const m of fs.readFileSync(full, 'utf8').matchAll(/spawnModelWorker\('([\w-]+)'/g))
            workerEntries.add(m[1]);
      }
    };
    scan(at('src'));
    expect([...workerEntries].sort()).toEqual(['batch-worker', 'train-pool-worker']);
    // spawnModelWorker loads `./<name>.js` beside its own compiled module, in out/main/
    expect(fs.readFileSync(at('src/core/model/training/node/spawn-worker.ts'), 'utf8')).toContain(
      'new URL(`./${name}.js`, import.meta.url)',
    );

    type MainBuild = {
      main: {
        build: {
          outDir: string;
          rollupOptions: { input: Record<string, string>; output: { entryFileNames: string } };
        };
      };
    };
    const vite = ((await import(pathToFileURL(at('electron.vite.config.ts')).href)) as { default: MainBuild })
      .default;
    const build = vite.main.build;
    expect(path.relative(root, build.outDir)).toBe(path.join('out', 'main'));
    expect(build.rollupOptions.output.entryFileNames).toBe('[name].js');
    for (const name of [...processEntries, ...workerEntries]) {
      const input = build.rollupOptions.input[name];
      expect(input, `${name} is a main build input`).toBeDefined();
      expect(fs.existsSync(input), input).toBe(true);
      expect(packed(`out/main/${name}.js`), name).toBe(true);
    }
  });

  it('flips the fuses electron-fuses.json names', () => {
    const named = JSON.parse(fs.readFileSync(at('electron-fuses.json'), 'utf8')) as Record<string, unknown>;
    const expected = Object.fromEntries(
      Object.entries(named)
        .filter(([k]) => !k.startsWith('$'))
        .map(([k, v]) => [k[0].toLowerCase() + k.slice(1), v]),
    );
    expect(config.electronFuses).toEqual(expected);
    expect(config.electronFuses.runAsNode).toBe(false);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
  });

  // CI installs the dev dependencies, electron-builder among them: its schema checks every key and value.
  const builderInstalled = ((): boolean => {
    try {
      require.resolve('electron-builder/package.json');
      return true;
    } catch {
      return false;
    }
  })();
  it.runIf(builderInstalled)("passes electron-builder's own validation", async () => {
    const builderDir = path.dirname(require.resolve('electron-builder/package.json'));
    const fromBuilder = createRequire(path.join(builderDir, 'package.json'));
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: unknown, log: unknown) => Promise<void>;
    };
    const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (on: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsiss: {} }, new DebugLogger(false))).rejects.toThrow(
      /nsiss/,
    );
  });
});

describe('icons', () => {
  it('has the Linux icon set in every size, named as electron-builder reads it', () => {
    expect(config.linux.icon).toBe('resources/icons');
    for (const size of LINUX_ICON_SIZES) {
      const png = fs.readFileSync(at(`resources/icons/${size}x${size}.png`));
      expect(pngSize(png), `${size}`).toEqual({ width: size, height: size });
    }
    expect(fs.readdirSync(at('resources/icons')).sort()).toEqual(
      LINUX_ICON_SIZES.map((s) => `${s}x${s}.png`).sort(),
    );
    expect(pngSize(fs.readFileSync(at('resources/icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico with every size, each a PNG of its size', () => {
    const ico = fs.readFileSync(at(config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = 6 + 16 * i;
      const size = ico.readUInt8(at) || 256;
      const data = ico.subarray(
        ico.readUInt32LE(at + 12),
        ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8),
      );
      expect(pngSize(data)).toEqual({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toEqual([...ICO_SIZES]);
  });

  it('has a macOS .icns with every type, each a PNG of its size', () => {
    const icns = fs.readFileSync(at(config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: [string, number][] = [];
    for (let off = 8; off < icns.length;) {
      const type = icns.subarray(off, off + 4).toString('latin1');
      const len = icns.readUInt32BE(off + 4);
      found.push([type, pngSize(icns.subarray(off + 8, off + len)).width]);
      off += len;
    }
    expect(found).toEqual(ICNS_TYPES.map(([t, s]) => [t, s]));
  });
});

describe('the Linux desktop entry', () => {
  const file = at('resources/linux/emotion-studio.desktop');
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const entry = Object.fromEntries(
    lines.slice(1).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  it('is a valid application entry', () => {
    expect(lines[0]).toBe('[Desktop Entry]');
    // one group, no repeated keys, only keys the Desktop Entry Specification defines
    const keys = lines.slice(1).map((l) => l.slice(0, l.indexOf('=')));
    expect(new Set(keys).size).toBe(keys.length);
    const known = [
      'Type', 'Version', 'Name', 'GenericName', 'NoDisplay', 'Comment', 'Icon', 'Hidden', 'OnlyShowIn',
      'NotShowIn', 'DBusActivatable', 'TryExec', 'Exec', 'Path', 'Terminal', 'Actions', 'MimeType', 'Categories',
      'Implements', 'Keywords', 'StartupNotify', 'StartupWMClass', 'URL', 'PrefersNonDefaultGPU', 'SingleMainWindow',
    ]; // prettier-ignore
    for (const k of keys) expect(known, k).toContain(k);
    expect(entry).toMatchObject({ Type: 'Application', Name: 'Emotion Studio', Terminal: 'false' });
    expect(entry.Exec).toMatch(/^emotion-studio( %[uUfF])?$/);
    // the icon is the name electron-builder installs the icon set under
    expect(entry.Icon).toBe(config.executableName);
    // Categories: ';'-terminated, registered main categories; Audio requires AudioVideo
    expect(entry.Categories).toMatch(/^([A-Za-z]+;)+$/);
    const cats = entry.Categories.split(';').filter(Boolean);
    const main = ['AudioVideo', 'Audio', 'Video', 'Development', 'Education', 'Game', 'Graphics', 'Network', 'Office', 'Science', 'Settings', 'System', 'Utility']; // prettier-ignore
    for (const c of cats) expect(main, c).toContain(c);
    if (cats.includes('Audio')) expect(cats).toContain('AudioVideo');
    expect(entry.Keywords).toMatch(/^([^;]+;)+$/);
  });

  it('is what the installers write, matched to the running window', () => {
    const pkg = JSON.parse(fs.readFileSync(at('package.json'), 'utf8')) as { desktopName: string };
    // Electron names its window after package.json's desktopName; the entry must name the same class
    expect(pkg.desktopName).toBe(`${config.executableName}.desktop`);
    expect(entry.StartupWMClass).toBe(config.executableName);
    const given = config.linux.desktop.entry;
    // electron-builder writes Exec for where each target installs the app, and refuses one given here
    expect(given.Exec).toBeUndefined();
    for (const [k, v] of Object.entries(given)) expect(entry[k], k).toBe(v);
    expect(config.linux.category).toBe(entry.Categories);
  });

  const validator = spawnSync('sh', ['-c', 'command -v desktop-file-validate']).status === 0;
  it.runIf(validator)('passes desktop-file-validate', () => {
    const run = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('npm run dist without Electronʼs binary', () => {
  it('says so in one line and exits non-zero', () => {
    const empty = tempDir('no-electron');
    try {
      const run = spawnSync(process.execPath, [at('bin/dist.js')], {
        cwd: root,
        encoding: 'utf8',
        // electron's index.js resolves its binary inside this folder, where there is none
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^npm run dist: Electron's binary is not downloaded here/);
      expect(lines[0]).not.toMatch(/\bat \S+:\d+|Error:/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
