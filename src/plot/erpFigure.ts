import { channelFacet, FIGURE_CONFIG, type Figure } from './figure';

/** Input of {@link erpFigure}: the average of event-locked epochs. */
export interface ErpFigureData {
  readonly channels: readonly string[];
  /** Sample times relative to the marker, ms (negative before it). */
  readonly timesMs: readonly number[];
  /** Channel-major average in µV: `average[c * timesMs.length + i]`. */
  readonly average: ArrayLike<number>;
  /** Number of epochs averaged. */
  readonly epochCount: number;
  readonly title?: string;
}

/**
 * The event-related potential: the average epoch around markers, one panel per channel, with the marker at 0 ms.
 *
 * ## Example
 * ```ts
 * import { erpFigure, renderSvg } from 'cortex-rx/plot';
 * const svg = await renderSvg(erpFigure({ channels, timesMs, average, epochCount: 40 }));
 * ```
 */
export function erpFigure(input: ErpFigureData): Figure {
  const { channels, timesMs, average } = input;
  const n = timesMs.length;
  const values: Array<{ channel: string; ms: number; uv: number }> = [];
  channels.forEach((channel, c) => {
    for (let i = 0; i < n; i++) {
      const uv = average[c * n + i];
      if (Number.isFinite(uv)) values.push({ channel, ms: timesMs[i], uv });
    }
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: input.title ?? 'Event-related potential',
      subtitle: `average of ${input.epochCount} epochs, baseline-corrected; marker at 0 ms`,
    },
    config: FIGURE_CONFIG,
    data: { values },
    facet: channelFacet(channels),
    columns: 4,
    spec: {
      width: 170,
      height: 110,
      layer: [
        {
          mark: { type: 'rule', color: '#c33', strokeDash: [4, 3] },
          encoding: { x: { datum: 0, type: 'quantitative' } },
        },
        { mark: { type: 'rule', color: '#999' }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'line', strokeWidth: 1.5, color: '#1f5fa8' },
          encoding: {
            x: { field: 'ms', type: 'quantitative', title: 'ms' },
            y: { field: 'uv', type: 'quantitative', title: 'µV' },
          },
        },
      ],
    },
  };
}
