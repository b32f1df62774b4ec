// The cortex-rx operators that bench/bandPowerChain.ts and bench/latency.ts measure, in one place: the real ones
// from src/operators. To measure a stand-in instead (say, while an operator is being rewritten), change this one
// export line to point at a local implementation with the same signatures.
export { epoch, psd, bandPower } from '../src/operators';
