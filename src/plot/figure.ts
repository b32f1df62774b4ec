/**
 * A figure: a Vega-Lite specification (a plain JSON object), rendered by {@link renderSvg} / {@link renderPng}.
 * Kept as data so that notebooks can also hand it to any Vega-Lite renderer.
 */
export type Figure = Readonly<Record<string, unknown>>;

/** The look shared by every cortex-rx figure. */
export const FIGURE_CONFIG = {
  background: 'white',
  font: 'DejaVu Sans',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  title: { fontSize: 15, anchor: 'start' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
} as const;
