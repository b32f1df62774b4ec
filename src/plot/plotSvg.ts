import type { EegCapture } from '../observables/collect';
import { analyzeCapture, type AnalyzeConfig } from './analyzeCapture';
import { bandPowerFigure } from './bandPowerFigure';
import { erpFigure } from './erpFigure';
import { psdFigure } from './psdFigure';
import { renderSvg } from './renderSvg';

/** Which plot of a capture. */
export type PlotKind = 'psd' | 'bandpower' | 'erp';

/**
 * The notebook plot helper: one plot of a capture as an SVG string (PSD per channel, band power over time, or the
 * ERP around its markers).
 *
 * ## Example
 * ```ts
 * import { collect } from 'cortex-rx';
 * import { plotSvg } from 'cortex-rx/plot';
 * const capture = await collect(eeg$, { seconds: 30 });
 * const svg = await plotSvg(capture, 'psd'); // display it in the notebook
 * ```
 * @throws Error for 'erp' when the capture has no marker with a complete epoch
 */
export async function plotSvg(capture: EegCapture, kind: PlotKind, config?: AnalyzeConfig): Promise<string> {
  const analysis = await analyzeCapture(capture, config);
  switch (kind) {
    case 'psd':
      return renderSvg(psdFigure(analysis.psd));
    case 'bandpower':
      return renderSvg(bandPowerFigure(analysis.bandPower));
    case 'erp':
      if (!analysis.erp) throw new Error('no ERP: the capture has no marker with a complete epoch around it');
      return renderSvg(erpFigure(analysis.erp));
  }
}
