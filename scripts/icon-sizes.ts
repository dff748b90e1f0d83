// The icon sizes each platform's installer takes; scripts/make-icons.ts renders them and the packaging test
// checks that every one is there at its size.

/** resources/icons/<n>x<n>.png: the hicolor sizes desktop environments look up, up to the 1024 px ones. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** resources/icon.ico: Explorer, the taskbar and the NSIS installer pick from these. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/** resources/icon.icns: each type's pixel size (ic11-ic14 are the @2x of 16-256 pt). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
] as const;

/** Sizes up to this one render from icon-small.svg, whose fewer, wider bars stay distinct. */
export const SMALL_ICON_MAX = 32;
