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

/**
 * The facet of a small-multiples figure: one panel per channel, in the given channel order, each headed by its
 * name (the band-power and ERP figures).
 *
 * @internal
 */
export function channelFacet(channels: readonly string[]): Readonly<Record<string, unknown>> {
  return {
    field: 'channel',
    type: 'nominal',
    sort: [...channels],
    title: null,
    header: { labelFontSize: 12, labelFontWeight: 'bold' },
  };
}
