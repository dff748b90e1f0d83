import type { Locator } from 'playwright-core';

/**
 * How many pixels of the canvases under `root` (shadow roots included: wavesurfer draws in one) differ
 * from the first pixel of their canvas, i.e. show something besides a flat background.
 */
export function drawnPixels(root: Locator): Promise<number> {
  return root.evaluate((el) => {
    const canvases: HTMLCanvasElement[] = [];
    const walk = (node: Element | ShadowRoot): void => {
      for (const child of Array.from(node.children)) {
        if (child instanceof HTMLCanvasElement) canvases.push(child);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    walk(el);
    let drawn = 0;
    for (const c of canvases) {
      if (c.width === 0 || c.height === 0) continue;
      const ctx = c.getContext('2d');
      if (!ctx) continue;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const [r0, g0, b0, a0] = [data[0], data[1], data[2], data[3]];
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== r0 || data[i + 1] !== g0 || data[i + 2] !== b0 || data[i + 3] !== a0) drawn++;
      }
    }
    return drawn;
  });
}
