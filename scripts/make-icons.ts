// `npm run icons`: renders the app icon (resources/icon.svg, and resources/icon-small.svg for 32 px and less)
// into every file the installers take: resources/icons/<n>x<n>.png for Linux, resources/icon.png,
// resources/icon.ico (Windows) and resources/icon.icns (macOS). The outputs are committed, so packaging needs
// neither this script nor an image converter; run it again after changing either SVG.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { ICNS_TYPES, ICO_SIZES, LINUX_ICON_SIZES, SMALL_ICON_MAX } from './icon-sizes.js';

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
const svg = {
  large: fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8'),
  small: fs.readFileSync(path.join(resources, 'icon-small.svg'), 'utf8'),
};

const cache = new Map<number, Buffer>();
function png(size: number): Buffer {
  let out = cache.get(size);
  if (!out) {
    const source = size <= SMALL_ICON_MAX ? svg.small : svg.large;
    out = new Resvg(source, { fitTo: { mode: 'width', value: size } }).render().asPng();
    cache.set(size, out);
  }
  return out;
}

/** An .ico whose images are PNGs (Windows Vista and later read them; every size keeps its alpha). */
function ico(sizes: readonly number[]): Buffer {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

/** An .icns of PNG entries, one per type macOS looks up (the @2x types hold the doubled size). */
function icns(types: readonly (readonly [string, number])[]): Buffer {
  const entries = types.map(([type, size]) => {
    const data = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

const iconsDir = path.join(resources, 'icons');
fs.rmSync(iconsDir, { recursive: true, force: true });
fs.mkdirSync(iconsDir);
for (const size of LINUX_ICON_SIZES) fs.writeFileSync(path.join(iconsDir, `${size}x${size}.png`), png(size));
fs.writeFileSync(path.join(resources, 'icon.png'), png(1024));
fs.writeFileSync(path.join(resources, 'icon.ico'), ico(ICO_SIZES));
fs.writeFileSync(path.join(resources, 'icon.icns'), icns(ICNS_TYPES));
process.stdout.write(
  `wrote ${LINUX_ICON_SIZES.length} PNGs in resources/icons, icon.png, icon.ico and icon.icns\n`,
);
