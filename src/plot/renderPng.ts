import { requirePlotPackage } from './requirePlotPackage';

/**
 * Rasterises an SVG (from {@link renderSvg}) to PNG with resvg, at `scale` times its size (default 2, for sharp
 * text), using the system fonts. Needs the optional package @resvg/resvg-js; without it it throws a message naming
 * what to install.
 *
 * ## Example
 * ```ts
 * import { psdFigure, renderSvg, renderPng } from 'cortex-rx/plot';
 * writeFileSync('psd.png', renderPng(await renderSvg(psdFigure(data))));
 * ```
 */
export function renderPng(svg: string, scale = 2): Buffer {
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  const { Resvg } = requirePlotPackage<typeof import('@resvg/resvg-js')>('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
