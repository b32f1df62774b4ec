import type { Figure } from './figure';
import { requirePlotPackage } from './requirePlotPackage';

/**
 * Renders a figure (a Vega-Lite spec) to an SVG string, headless (no browser, no canvas). Needs the optional
 * packages vega and vega-lite; without them it rejects with a message naming what to install.
 *
 * ## Example
 * ```ts
 * import { psdFigure, renderSvg } from 'cortex-rx/plot';
 * writeFileSync('psd.svg', await renderSvg(psdFigure(data)));
 * ```
 */
export async function renderSvg(figure: Figure): Promise<string> {
  // Loaded on first use: vega is large, optional, and only the plots need it.
  const vl = requirePlotPackage<typeof import('vega-lite')>('vega-lite');
  const vega = requirePlotPackage<typeof import('vega')>('vega');
  const { spec } = vl.compile(figure as unknown as Parameters<typeof vl.compile>[0]);
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
