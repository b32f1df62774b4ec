import { assertPositiveFinite } from './assertPositiveFinite';
import { Complex } from './Complex';
import { zpkToSos, type Zpk } from './zpkToSos';

/** Largest Butterworth order designed; beyond this, cascaded biquads lose accuracy for no EEG use. */
const MAX_ORDER = 16;

/** A digital Butterworth design, as `scipy.signal.butter(order, cutoff, btype, output='sos', fs=sampleRateHz)`. */
export type ButterworthConfig =
  | {
      /** `'lowpass'` keeps frequencies below `cutoffHz`; `'highpass'` keeps those above it (e.g. DC removal). */
      readonly type: 'lowpass' | 'highpass';
      /** −3 dB frequency in Hz, in `(0, sampleRateHz / 2)`. */
      readonly cutoffHz: number;
      /** Filter order (poles), an integer in [1, 16]. Defaults to 2: a single biquad. */
      readonly order?: number;
      /** Sampling rate in Hz. */
      readonly sampleRateHz: number;
    }
  | {
      /** Keeps the frequencies between the two `passbandHz` edges. */
      readonly type: 'bandpass';
      /** −3 dB edges `[loHz, hiHz)` in Hz, `0 < loHz < hiHz < sampleRateHz / 2`. */
      readonly passbandHz: readonly [loHz: number, hiHz: number];
      /** Order of the lowpass prototype, an integer in [1, 16]; the bandpass has twice as many poles. Defaults to 2. */
      readonly order?: number;
      /** Sampling rate in Hz. */
      readonly sampleRateHz: number;
    };

/**
 * Second-order sections of a digital Butterworth lowpass, highpass or bandpass filter.
 *
 * A port of `scipy.signal.butter(order, cutoff, btype, output='sos', fs=sampleRateHz)` (scipy 1.10): analog
 * prototype poles (`buttap`), pre-warped frequency transform (`lp2lp_zpk` / `lp2hp_zpk` / `lp2bp_zpk`), bilinear
 * transform (`bilinear_zpk`), then `zpk2sos` with `'nearest'` pairing, so the sections, their order and the gain
 * placement (first section) match scipy's to rounding. The result is a flat `Float64Array` of
 * `[b0, b1, b2, a0, a1, a2]` per section, `a0 = 1`, ready for `SosFilter`. A lowpass or highpass of order N
 * has `ceil(N / 2)` sections; a bandpass of order N has N.
 *
 * NaN policy: not applicable (no signal input); invalid parameters throw.
 *
 * ## Example
 * ```ts
 * import { designButterworth, SosFilter } from 'cortex-rx/dsp';
 *
 * const sos = designButterworth({ type: 'bandpass', passbandHz: [1, 45], order: 4, sampleRateHz: 128 });
 * const filter = new SosFilter(sos);
 * ```
 *
 * @param config `type`, `cutoffHz` or `passbandHz`, `sampleRateHz`, and `[config.order=2]`.
 * @returns the sections, 6 coefficients each.
 * @throws RangeError on a frequency outside `(0, Nyquist)`, reversed band edges or an invalid order.
 * @see createIirFilter, designIirNotch, SosFilter
 */
export function designButterworth(config: ButterworthConfig): Float64Array {
  const { sampleRateHz } = config;
  assertPositiveFinite('sampleRateHz', sampleRateHz);
  const order = config.order ?? 2;
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
    throw new RangeError(`order must be an integer in [1, ${MAX_ORDER}], got ${order}`);
  }
  const nyquistHz = sampleRateHz / 2;
  const checkEdge = (name: string, hz: number): void => {
    if (!(hz > 0 && hz < nyquistHz)) {
      throw new RangeError(`${name} must be within (0, ${nyquistHz}) Hz (Nyquist), got ${hz}`);
    }
  };
  // scipy iirfilter: Wn = 2 * Wn / fs, then with fs = 2: warped = 2 * fs * tan(pi * Wn / fs).
  const prewarp = (hz: number): number => 2 * 2 * Math.tan((Math.PI * ((2 * hz) / sampleRateHz)) / 2);

  const prototypePoles = buttapPoles(order);
  let analog: Zpk;
  switch (config.type) {
    case 'lowpass': {
      checkEdge('cutoffHz', config.cutoffHz);
      const wo = prewarp(config.cutoffHz);
      // lp2lp_zpk: p * wo, k * wo ** degree.
      analog = { zeros: [], poles: prototypePoles.map((p) => p.scale(wo)), gain: wo ** order };
      break;
    }
    case 'highpass': {
      checkEdge('cutoffHz', config.cutoffHz);
      const wo = Complex.real(prewarp(config.cutoffHz));
      // lp2hp_zpk: p → wo / p, `degree` zeros at the origin, k * real(prod(-z) / prod(-p)).
      const product = prototypePoles.reduce((acc, p) => acc.mul(p.neg()), Complex.real(1));
      analog = {
        zeros: prototypePoles.map(() => Complex.real(0)),
        poles: prototypePoles.map((p) => wo.div(p)),
        gain: Complex.real(1).div(product).re,
      };
      break;
    }
    case 'bandpass': {
      const [loHz, hiHz] = config.passbandHz;
      checkEdge('passbandHz[0]', loHz);
      checkEdge('passbandHz[1]', hiHz);
      if (!(loHz < hiHz)) throw new RangeError(`passbandHz must satisfy loHz < hiHz, got [${loHz}, ${hiHz}]`);
      const wLo = prewarp(loHz);
      const wHi = prewarp(hiHz);
      const bandwidth = wHi - wLo;
      const wo = Math.sqrt(wLo * wHi);
      const woSquared = Complex.real(wo ** 2);
      // lp2bp_zpk: p_lp = p * bw / 2; p_bp = p_lp ± sqrt(p_lp² − wo²); `degree` zeros at the origin.
      const scaled = prototypePoles.map((p) => p.scale(bandwidth).scale(1 / 2));
      const roots = scaled.map((p) => p.mul(p).sub(woSquared).sqrt());
      analog = {
        zeros: prototypePoles.map(() => Complex.real(0)),
        poles: [...scaled.map((p, i) => p.add(roots[i])), ...scaled.map((p, i) => p.sub(roots[i]))],
        gain: bandwidth ** order,
      };
      break;
    }
    default:
      throw new RangeError(
        `type must be one of lowpass, highpass, bandpass, got ${String((config as { type: unknown }).type)}`,
      );
  }
  return zpkToSos(bilinear(analog));
}

/** scipy `buttap(N)`: p = −exp(iπm / (2N)) for m = −N+1, −N+3, …, N−1; no zeros; gain 1. */
function buttapPoles(order: number): Complex[] {
  const poles: Complex[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    poles.push(Complex.expi((Math.PI * m) / (2 * order)).neg());
  }
  return poles;
}

/** scipy `bilinear_zpk(z, p, k, fs=2)`: s → z with fs2 = 4; zeros at −1 fill the relative degree. */
function bilinear({ zeros, poles, gain }: Zpk): Zpk {
  const fs2 = Complex.real(2 * 2);
  const degree = poles.length - zeros.length;
  const mapped = (c: Complex): Complex => fs2.add(c).div(fs2.sub(c));
  const numerator = zeros.reduce((acc, c) => acc.mul(fs2.sub(c)), Complex.real(1));
  const denominator = poles.reduce((acc, c) => acc.mul(fs2.sub(c)), Complex.real(1));
  return {
    zeros: [...zeros.map(mapped), ...Array.from({ length: degree }, () => Complex.real(-1))],
    poles: poles.map(mapped),
    gain: gain * numerator.div(denominator).re,
  };
}
