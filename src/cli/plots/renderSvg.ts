import type { Figure } from './figure';

/**
 * Renders a figure (a Vega-Lite spec) to an SVG string, headless (no browser, no canvas).
 *
 * ## Example
 * ```ts
 * import { psdFigure, renderSvg } from 'cortex-rx/plot';
 * writeFileSync('psd.svg', await renderSvg(psdFigure(data)));
 * ```
 */
export async function renderSvg(figure: Figure): Promise<string> {
  // Loaded on first use: vega is large and only the plots need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vl = require('vega-lite') as typeof import('vega-lite');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vega = require('vega') as typeof import('vega');
  const { spec } = vl.compile(figure as unknown as Parameters<typeof vl.compile>[0]);
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
