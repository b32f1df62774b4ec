// Diagnosis experiment (not run by `npm run bench`): `node --import tsx bench/diagnosis/twoChannelFft.ts`.
//
// The FFT is half of the band-power chain. Two real channels can share one complex transform (z = a + i·b, then
// A[k] = (Z[k] + conj Z[N−k]) / 2 and B[k] = (Z[k] − conj Z[N−k]) / 2i): this compares the one-sided power of two
// channels by two fft.js real transforms (what src/dsp/getRealFftPlan does per channel) and by one complex
// transform plus the split.
import FFT from 'fft.js';

const N = 256;
const H = N / 2;
const a = Float64Array.from({ length: N }, (_, n) => Math.sin(n * 0.3) + 0.1 * Math.cos(n * 1.7));
const b = Float64Array.from({ length: N }, (_, n) => Math.cos(n * 0.11) - 0.2 * Math.sin(n * 2.3));
const real = new FFT(N);
const complex = new FFT(N);
const realOut = new Float64Array(2 * N);
const pa = new Float64Array(H + 1);
const pb = new Float64Array(H + 1);
const z = new Float64Array(2 * N);
const zOut = new Float64Array(2 * N);
const qa = new Float64Array(H + 1);
const qb = new Float64Array(H + 1);

function twoRealTransforms(): void {
  real.realTransform(realOut, a);
  for (let k = 0; k <= H; k++) pa[k] = realOut[2 * k] ** 2 + realOut[2 * k + 1] ** 2;
  real.realTransform(realOut, b);
  for (let k = 0; k <= H; k++) pb[k] = realOut[2 * k] ** 2 + realOut[2 * k + 1] ** 2;
}

function oneComplexTransform(): void {
  for (let n = 0; n < N; n++) {
    z[2 * n] = a[n];
    z[2 * n + 1] = b[n];
  }
  complex.transform(zOut, z);
  for (let k = 0; k <= H; k++) {
    const j = (N - k) % N;
    const zr = zOut[2 * k];
    const zi = zOut[2 * k + 1];
    const cr = zOut[2 * j]; // conj Z[N−k] = (cr, −ci)
    const ci = -zOut[2 * j + 1];
    const ar = (zr + cr) / 2;
    const ai = (zi + ci) / 2;
    const br = (zi - ci) / 2;
    const bi = -(zr - cr) / 2;
    qa[k] = ar * ar + ai * ai;
    qb[k] = br * br + bi * bi;
  }
}

twoRealTransforms();
oneComplexTransform();
let peak = 0;
for (let k = 0; k <= H; k++) peak = Math.max(peak, pa[k], pb[k]);
let worst = 0;
for (let k = 0; k <= H; k++) worst = Math.max(worst, Math.abs(pa[k] - qa[k]) / peak, Math.abs(pb[k] - qb[k]) / peak);

const time = (f: () => void): number => {
  const count = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) f();
  return ((performance.now() - t0) / count) * 1000;
};
for (let warm = 0; warm < 3; warm++) {
  time(twoRealTransforms);
  time(oneComplexTransform);
}
const r: number[] = [];
const c: number[] = [];
for (let round = 0; round < 5; round++) {
  r.push(time(twoRealTransforms));
  c.push(time(oneComplexTransform));
}
const median = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1];
console.log(
  `µs per pair of channels (N = ${N}): two realTransforms ${median(r).toFixed(3)}, one complex transform + split ` +
    `${median(c).toFixed(3)}: ${(median(r) / median(c)).toFixed(3)}x; powers agree to ${worst.toExponential(1)} of the peak`,
);
