import { CORTEX_BANDS } from '../dsp/cortexBands';
import { FIGURE_CONFIG, type Figure } from './figure';

/** Input of {@link psdFigure}. */
export interface PsdFigureData {
  readonly channels: readonly string[];
  /** Bin frequencies, Hz. */
  readonly frequenciesHz: Float64Array;
  /** Channel-major PSD, µV²/Hz: `psd[c * frequenciesHz.length + k]`. */
  readonly psd: Float64Array;
  readonly title?: string;
  /** Highest frequency shown (default 45 Hz, the top of the Cortex gamma band). */
  readonly maxHz?: number;
}

/**
 * The PSD of every channel on a log scale, over shaded Cortex bands (theta … gamma): a Vega-Lite figure.
 *
 * ## Example
 * ```ts
 * import { psdFigure, renderSvg } from 'cortex-rx/plot';
 * const svg = await renderSvg(psdFigure({ channels, frequenciesHz, psd }));
 * ```
 */
export function psdFigure(input: PsdFigureData): Figure {
  const { channels, frequenciesHz, psd } = input;
  const maxHz = input.maxHz ?? 45;
  const bins = frequenciesHz.length;
  const values: Array<{ channel: string; hz: number; psd: number }> = [];
  channels.forEach((channel, c) => {
    for (let k = 0; k < bins; k++) {
      const hz = frequenciesHz[k];
      const v = psd[c * bins + k];
      // log scale: DC and empty bins cannot be drawn
      if (hz > 0 && hz <= maxHz && v > 0 && Number.isFinite(v)) values.push({ channel, hz, psd: v });
    }
  });
  const bands = Object.entries(CORTEX_BANDS).map(([band, [lo, hi]]) => ({
    band,
    lo,
    hi: Math.min(hi, maxHz),
    mid: (lo + Math.min(hi, maxHz)) / 2,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: input.title ?? 'Power spectral density', subtitle: 'Welch, Hann window; shaded: the Cortex bands' },
    width: 720,
    height: 380,
    config: FIGURE_CONFIG,
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect', opacity: 0.5 },
        encoding: {
          x: { field: 'lo', type: 'quantitative', scale: { domain: [0, maxHz] } },
          x2: { field: 'hi' },
          color: { field: 'band', type: 'nominal', scale: { scheme: 'pastel1' }, legend: null },
        },
      },
      {
        data: { values: bands },
        mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 11, color: '#555' },
        encoding: { x: { field: 'mid', type: 'quantitative' }, y: { value: 0 }, text: { field: 'band' } },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1.4, clip: true },
        encoding: {
          x: { field: 'hz', type: 'quantitative', title: 'frequency (Hz)', scale: { domain: [0, maxHz] } },
          y: {
            field: 'psd',
            type: 'quantitative',
            title: 'PSD (µV²/Hz)',
            scale: { type: 'log' },
            axis: { format: '~g' },
          },
          stroke: {
            field: 'channel',
            type: 'nominal',
            title: 'channel',
            sort: [...channels],
            scale: { scheme: 'tableau20' },
          },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}
