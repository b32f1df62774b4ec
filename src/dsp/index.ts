/**
 * `cortex-rx/dsp`: pure numeric code over `Float64Array` (no rxjs, no fp-ts).
 *
 * Spectra: `fft`, `powerSpectrum`, `welchPsd`, `createWelch` (on fft.js's real FFT), `periodogram`; bands:
 * `bandPowers`, `bandBinRanges`, `CORTEX_BANDS`, `CLASSIC_BANDS`.
 * Windows: `getWindow`, `windowPower`. Filters: `SosFilter`, `createIirFilter`, `designIirNotch`,
 * `designButterworth`. Buffers: `RingBuffer`. Helpers: `detrend`, `subtractBaseline`, `binFrequencyHz`,
 * `frequencyBin`, `isPowerOfTwo`.
 */
export { bandBinRanges } from './bandBinRanges';
export type { BandBinRanges } from './bandBinRanges';
export { bandPowers } from './bandPowers';
export type { BandPowers } from './bandPowers';
export type { FrequencyBands } from './FrequencyBands';
export { binFrequencyHz } from './binFrequencyHz';
export { CLASSIC_BANDS } from './classicBands';
export { CORTEX_BANDS } from './cortexBands';
export type { CortexBandName } from './cortexBands';
export { createIirFilter } from './createIirFilter';
export type { IirFilterConfig } from './createIirFilter';
export { createWelch } from './createWelch';
export type { WelchConfig, WelchEstimator, WelchEstimatorConfig } from './createWelch';
export { designButterworth } from './designButterworth';
export type { ButterworthConfig } from './designButterworth';
export { designIirNotch } from './designIirNotch';
export type { IirNotchConfig } from './designIirNotch';
export { detrend } from './detrend';
export type { DetrendKind } from './detrend';
export { fft } from './fft';
export type { ComplexSpectrum } from './fft';
export { frequencyBin } from './frequencyBin';
export { getWindow } from './getWindow';
export type { WindowKind } from './getWindow';
export { isPowerOfTwo } from './isPowerOfTwo';
export { periodogram } from './periodogram';
export type { PeriodogramConfig } from './periodogram';
export { powerSpectrum } from './powerSpectrum';
export { RingBuffer } from './RingBuffer';
export { SosFilter } from './SosFilter';
export { subtractBaseline } from './subtractBaseline';
export { welchPsd } from './welchPsd';
export type { PowerSpectralDensity } from './welchPsd';
export { windowPower } from './windowPower';
export type { WindowPower } from './windowPower';
