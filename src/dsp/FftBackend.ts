/**
 * The FFT implementations the Welch estimator can run on (`createWelchEstimator`; the public `createWelch` and
 * everything built on it use `'fft.js'`). Internal: benchmarks and tests compare the two.
 *
 * - `'fft.js'` (the default): fft.js's radix-4 real transform, which computes only the non-negative half of the
 *   spectrum; about twice as fast as dsp.js at EEG segment sizes (256–1024 points).
 * - `'dsp.js'`: dsp.js's radix-2 complex transform of the real input (the full spectrum, half of it discarded).
 *
 * Both agree with each other and with scipy to rounding (far below 1e-9 relative on a PSD).
 *
 * Not exported by `cortex-rx/dsp`, but kept in the declarations (not tagged internal): the declarations of the modules
 * that use it (`getRealFftPlan`) must still name it.
 */
export type FftBackend = 'fft.js' | 'dsp.js';
