import { Complex } from './Complex';

/** Zeros, poles and gain of a digital filter. @internal */
export interface Zpk {
  readonly zeros: readonly Complex[];
  readonly poles: readonly Complex[];
  readonly gain: number;
}

/**
 * Second-order sections of a digital filter, a port of `scipy.signal.zpk2sos(z, p, k)` with its default
 * `pairing='nearest'` (scipy 1.10): poles are taken worst first (closest to the unit circle) and written from the
 * last section backwards, each paired with its nearest zero(s); the gain goes into the first section. Returns
 * `[b0, b1, b2, a0, a1, a2]` per section, flattened.
 *
 * @internal
 */
export function zpkToSos({ zeros, poles, gain }: Zpk): Float64Array {
  let z = zeros.slice();
  let p = poles.slice();
  if (z.length === 0 && p.length === 0) return Float64Array.of(gain, 0, 0, 1, 0, 0);

  while (p.length < z.length) p.push(Complex.real(0));
  while (z.length < p.length) z.push(Complex.real(0));
  const sectionCount = (Math.max(p.length, z.length) + 1) >> 1;
  if (p.length % 2 === 1) {
    p.push(Complex.real(0));
    z.push(Complex.real(0));
  }
  z = cplxreal(z);
  p = cplxreal(p);

  const sos = new Float64Array(sectionCount * 6);
  const write = (section: number, sectionZeros: readonly Complex[], sectionPoles: readonly Complex[]): void => {
    const b = poly(sectionZeros);
    const a = poly(sectionPoles);
    // scipy: sos[3 - len(b):3] = b; sos[6 - len(a):6] = a (fewer zeros means leading zero coefficients).
    for (let i = 0; i < b.length; i++) sos[section * 6 + 3 - b.length + i] = b[i];
    for (let i = 0; i < a.length; i++) sos[section * 6 + 6 - a.length + i] = a[i];
  };
  const take = <T>(list: T[], index: number): T => list.splice(index, 1)[0];
  const realCount = (list: readonly Complex[]): number => list.filter((c) => c.isReal).length;

  for (let si = sectionCount - 1; si >= 0; si--) {
    const p1 = take(p, indexOfWorst(p));
    if (p1.isReal && realCount(p) === 0) {
      // Special case (1): the last remaining real pole.
      const z1 = take(z, nearestIndex(z, p1, 'real'));
      write(si, [z1, Complex.real(0)], [p1, Complex.real(0)]);
    } else if (p.length + 1 === z.length && !p1.isReal && realCount(p) === 1 && realCount(z) === 1) {
      // Special case (2): one real pole and one real zero left; this complex pole must take a complex zero.
      const z1 = take(z, nearestIndex(z, p1, 'complex'));
      write(si, [z1, z1.conj()], [p1, p1.conj()]);
    } else {
      let p2: Complex;
      if (p1.isReal) {
        const realIndices: number[] = [];
        p.forEach((c, i) => {
          if (c.isReal) realIndices.push(i);
        });
        p2 = take(p, realIndices[indexOfWorst(realIndices.map((i) => p[i]))]);
      } else {
        p2 = p1.conj();
      }
      if (z.length > 0) {
        const z1 = take(z, nearestIndex(z, p1, 'any'));
        if (!z1.isReal) {
          write(si, [z1, z1.conj()], [p1, p2]);
        } else if (z.length > 0) {
          const z2 = take(z, nearestIndex(z, p1, 'real'));
          write(si, [z1, z2], [p1, p2]);
        } else {
          write(si, [z1], [p1, p2]);
        }
      } else {
        write(si, [], [p1, p2]);
      }
    }
  }
  for (let i = 0; i < 3; i++) sos[i] *= gain;
  return sos;
}

/** numpy argmin of |1 − |p||: the pole closest to the unit circle (first on ties). */
function indexOfWorst(p: readonly Complex[]): number {
  let best = 0;
  let bestDistance = Infinity;
  p.forEach((c, i) => {
    const distance = Math.abs(1 - c.abs());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  });
  return best;
}

/** scipy `_nearest_real_complex_idx`: index of the zero nearest to `to` among the real, complex or any zeros. */
function nearestIndex(from: readonly Complex[], to: Complex, which: 'real' | 'complex' | 'any'): number {
  const order = from
    .map((c, i) => ({ i, distance: c.sub(to).abs(), isReal: c.isReal }))
    .sort((a, b) => a.distance - b.distance);
  const found = order.find((entry) => which === 'any' || (which === 'real') === entry.isReal);
  if (found === undefined) throw new Error(`zpkToSos: no ${which} zero left to pair`);
  return found.i;
}

/**
 * scipy `_cplxreal`: sorts by (real, |imag|), snaps values within 100 eps of the real axis onto it, and keeps
 * one representative (positive imaginary part, averaged with its conjugate) per complex-conjugate pair,
 * followed by the real values.
 */
function cplxreal(values: readonly Complex[]): Complex[] {
  const tolerance = 100 * Number.EPSILON;
  const sorted = values
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.re - b.c.re || Math.abs(a.c.im) - Math.abs(b.c.im) || a.i - b.i)
    .map((entry) => entry.c);
  const reals: Complex[] = [];
  const positive: Complex[] = [];
  const negative: Complex[] = [];
  for (const c of sorted) {
    if (Math.abs(c.im) <= tolerance * c.abs()) reals.push(Complex.real(c.re));
    else if (c.im > 0) positive.push(c);
    else negative.push(c);
  }
  if (positive.length !== negative.length) {
    throw new Error('zpkToSos: a complex value has no matching conjugate');
  }
  const pairs = positive.map((zp, i) => {
    const zn = negative[i];
    if (zp.sub(zn.conj()).abs() > tolerance * zn.abs()) {
      throw new Error('zpkToSos: a complex value has no matching conjugate');
    }
    return zp.add(zn.conj()).scale(0.5);
  });
  return [...pairs, ...reals];
}

/**
 * numpy `poly` (as `zpk2tf` uses it): coefficients of `Π (x − r)`, highest power first; real when the roots
 * are real or come in conjugate pairs, which is always the case here.
 */
function poly(roots: readonly Complex[]): number[] {
  let coefficients: Complex[] = [Complex.real(1)];
  for (const root of roots) {
    const next: Complex[] = [];
    for (let i = 0; i <= coefficients.length; i++) {
      const keep = i < coefficients.length ? coefficients[i] : Complex.real(0);
      const shifted = i > 0 ? coefficients[i - 1].mul(root.neg()) : Complex.real(0);
      next.push(keep.add(shifted));
    }
    coefficients = next;
  }
  return coefficients.map((c) => c.re);
}
