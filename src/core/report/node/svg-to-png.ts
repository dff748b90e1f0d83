import { Resvg } from '@resvg/resvg-js';

/**
 * Rasterises SVG with resvg. System fonts must be loaded or every text element silently vanishes
 * (resvg bundles none); the SVG's font stack names fonts found on Debian, Windows and macOS.
 */
export function svgToPng(svg: string, zoom = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

let fontsFound: boolean | undefined;

/** Whether resvg finds any font to draw text with here (false on a system without fonts installed). */
export function canRenderText(): boolean {
  if (fontsFound === undefined) {
    const probe = new Resvg(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="16" font-size="16">Hg</text></svg>',
      { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } },
    );
    const pixels = probe.render().pixels;
    fontsFound = false;
    for (let i = 3; i < pixels.length; i += 4) {
      if (pixels[i] > 0) {
        fontsFound = true;
        break;
      }
    }
  }
  return fontsFound;
}
