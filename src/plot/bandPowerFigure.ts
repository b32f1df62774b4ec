import { channelFacet, FIGURE_CONFIG, type Figure } from './figure';

/** Input of {@link bandPowerFigure}: band power per epoch. */
export interface BandPowerFigureData {
  readonly channels: readonly string[];
  readonly bandNames: readonly string[];
  /** Epoch times, seconds from the start of the recording. */
  readonly timesS: readonly number[];
  /** Relative power (0–1) per epoch, channel-major within an epoch: `relative[e][c * bandCount + b]`. */
  readonly relative: ReadonlyArray<ArrayLike<number>>;
  readonly title?: string;
}

/**
 * Relative band power over time, one small panel per channel, one line per band: a Vega-Lite figure.
 *
 * ## Example
 * ```ts
 * import { bandPowerFigure, renderSvg } from 'cortex-rx/plot';
 * const svg = await renderSvg(bandPowerFigure({ channels, bandNames, timesS, relative }));
 * ```
 */
export function bandPowerFigure(input: BandPowerFigureData): Figure {
  const { channels, bandNames, timesS, relative } = input;
  const bands = bandNames.length;
  const values: Array<{ channel: string; band: string; t: number; percent: number }> = [];
  timesS.forEach((t, e) => {
    channels.forEach((channel, c) => {
      bandNames.forEach((band, b) => {
        const v = relative[e][c * bands + b];
        if (Number.isFinite(v)) values.push({ channel, band, t, percent: 100 * v });
      });
    });
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: input.title ?? 'Band power over time',
      subtitle: 'relative power per channel, Welch over each epoch',
    },
    config: FIGURE_CONFIG,
    data: { values },
    facet: channelFacet(channels),
    columns: 2,
    spec: {
      width: 330,
      height: 90,
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time (s)' },
        y: { field: 'percent', type: 'quantitative', title: '%', scale: { domain: [0, 100] } },
        color: { field: 'band', type: 'nominal', sort: [...bandNames], title: 'band', scale: { scheme: 'category10' } },
      },
    },
  };
}
