import type { FFT } from 'dsp.js';
import { assertPowerOfTwo } from './assertPowerOfTwo';

/** Largest FFT size a plan is built for (2^24 points, 256 MiB of tables and buffers is already absurd for EEG). */
const MAX_FFT_SIZE = 2 ** 24;

/** One dsp.js plan per size, built on first use and kept for the life of the process. */
const plans = new Map<number, FFT>();

/**
 * The cached dsp.js complex FFT plan for `fftSize`, built on first use and reused afterwards.
 *
 * A plan owns its output buffers (`real`, `imag`), so a result is only valid until the next `forward` call on the
 * same size. That is safe because every caller in `src/dsp` is synchronous and copies or consumes the result
 * before returning.
 *
 * @throws RangeError `fftSize must be a power of two, got 300`.
 * @internal
 */
export function getFftPlan(fftSize: number): FFT {
  let plan = plans.get(fftSize);
  if (plan === undefined) {
    assertPowerOfTwo('fftSize', fftSize);
    if (fftSize > MAX_FFT_SIZE) {
      throw new RangeError(`fftSize must be at most ${MAX_FFT_SIZE}, got ${fftSize}`);
    }
    // dsp.js only uses the sample rate for its own band helpers, so one plan serves every rate.
    plan = new (loadDspJs().FFT)(fftSize, 1);
    plans.set(fftSize, plan);
  }
  return plan;
}

/**
 * dsp.js, loaded on first use rather than on import: its top level calls a function that reads `this`, which is
 * undefined in strict mode, and every ES module bundle (esbuild, Vite) runs it in strict mode. Loaded lazily, it
 * stays out of the way of everything that does not use it (the operators use fft.js), so that importing
 * cortex-rx in a browser works.
 */
function loadDspJs(): typeof import('dsp.js') {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
    return require('dsp.js') as typeof import('dsp.js');
  } catch (err) {
    throw new Error(
      `dsp.js (the complex FFT of fft() and powerSpectrum()) failed to load: ${(err as Error).message}. It cannot ` +
        'run in strict mode (ES module bundles); the operators and createWelch use fft.js and are not affected.',
    );
  }
}
