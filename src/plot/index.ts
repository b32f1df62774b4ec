// Plots (cortex-rx/plot): Vega-Lite figures rendered to SVG and PNG, and the notebook helpers.
export type { Figure } from './figure';
export { psdFigure } from './psdFigure';
export type { PsdFigureData } from './psdFigure';
export { bandPowerFigure } from './bandPowerFigure';
export type { BandPowerFigureData } from './bandPowerFigure';
export { erpFigure } from './erpFigure';
export type { ErpFigureData } from './erpFigure';
export { renderSvg } from './renderSvg';
export { renderPng } from './renderPng';
export { analyzeCapture } from './analyzeCapture';
export type { CaptureAnalysis, AnalyzeConfig } from './analyzeCapture';
export { captureSamples } from './captureSamples';
export { readCsvExport } from './readCsvExport';
export { plotSvg } from './plotSvg';
export type { PlotKind } from './plotSvg';
// The input shapes the figures are drawn from (also exported by cortex-rx and cortex-rx/operators).
export type { EegCapture } from '../observables/collect';
export type { Sample } from '../operators/sample';
export type { MarkerEvent } from '../operators/markerEvent';
