import type { BciState } from './bciState';
import { mulberry32 } from './prng';

/** A detection a test forces on a headset (`sim.faults.forceDetection`). */
export interface ForcedDetection {
  /** `com` (mental command) or `fac` (facial expression: the action picks the eye, upper or lower slot). */
  readonly stream: 'com' | 'fac';
  /** A mental-command action (`push`...) or a facial-expression action (`blink`, `smile`, `frown`...). */
  readonly action: string;
  /** Power in [0, 1] (default 0.8; eye actions carry none). */
  readonly power?: number;
  /** How long it lasts from now (default 1000 ms). */
  readonly durationMs?: number;
}

const EYE_ACTIONS: readonly string[] = ['blink', 'winkL', 'winkR', 'horiEye'];
const UPPER_ACTIONS: readonly string[] = ['surprise', 'frown'];
const LOWER_ACTIONS: readonly string[] = ['smile', 'clench', 'laugh', 'smirkLeft', 'smirkRight'];
/** Scheduled eye events (winks, horizontal eye movement) last this long at the start of their slot. */
const EYE_EVENT_S = 0.2;
/** Powers of scheduled events are drawn from [MIN_POWER, MAX_POWER]. */
const MIN_POWER = 0.2;
const MAX_POWER = 0.9;
/** Blinks remembered (their intervals) for the fac samples produced after them. */
const MAX_BLINKS = 8;

/** The detections stream's slots: `[eyeAct, uAct, uPow, lAct, lPow]` for fac, `[act, pow]` for com. */
type FacRow = [string, string, number, string, number];

/**
 * The `com` and `fac` detections of a virtual headset, on a seeded schedule a test can predict.
 *
 * Time is cut into slots of `eventS` seconds (slot `s` covers `[s·eventS, (s+1)·eventS)`); even slots are neutral,
 * and each odd slot draws from `mulberry32(seed ^ s·0x9e3779b1)`:
 * - com: one of the profile's trained active actions (none without a loaded profile, or with nothing trained and
 *   active) with a power in [0.2, 0.9]; it is reported only when the power reaches `(10 − sensitivity) × 0.05`, so a
 *   higher sensitivity (1–10, per active action) lets more through; otherwise the slot stays `["neutral",0]`.
 * - fac: a lower-face action (smile, clench, laugh, smirkLeft, smirkRight) always, an upper-face one (surprise,
 *   frown) in half the slots, powers in [0.2, 0.9]; in a third of the slots a wink or horizontal eye movement in the
 *   first 0.2 s. `eyeAct` is `blink` whenever the synthetic EEG is in a blink (the blinks on AF3/AF4), whatever the
 *   slot.
 * A forced detection overrides its stream (or its fac slot) until it ends.
 *
 * ## Example
 * ```ts
 * const detections = new DetectionSource(1, 3);
 * detections.useProfile(profileState);
 * detections.com(timeS); // '["push",0.613]' in an odd slot once push is trained and active
 * ```
 */
export class DetectionSource {
  private profile: BciState | undefined;
  private readonly forced = new Map<
    'com' | 'eye' | 'upper' | 'lower',
    { action: string; power: number; untilS: number }
  >();
  /** Intervals `[startS, endS]` of recent blinks; the last one is open (endS Infinity) while the blink lasts. */
  private readonly blinks: Array<[number, number]> = [];

  constructor(
    private readonly seed: number,
    private readonly eventS: number,
  ) {}

  /** The loaded profile's state (an editable copy) drives com; undefined when no profile is loaded. */
  useProfile(state: BciState | undefined): void {
    this.profile = state;
  }

  /** Forces a detection from `nowS` for its duration. @throws RangeError on an action of no slot. */
  force(d: ForcedDetection, nowS: number): void {
    const power = Math.min(1, Math.max(0, d.power ?? 0.8));
    const untilS = nowS + (d.durationMs ?? 1000) / 1000;
    const slot =
      d.stream === 'com'
        ? 'com'
        : EYE_ACTIONS.includes(d.action)
          ? 'eye'
          : UPPER_ACTIONS.includes(d.action)
            ? 'upper'
            : LOWER_ACTIONS.includes(d.action)
              ? 'lower'
              : undefined;
    if (slot === undefined) throw new RangeError(`'${d.action}' is not a facial-expression action of a fac slot`);
    this.forced.set(slot, { action: d.action, power, untilS });
  }

  /** Follows the EEG: called per EEG sample with its time and blink envelope. */
  noteEeg(timeS: number, blinkUv: number): void {
    const last = this.blinks[this.blinks.length - 1];
    const open = last !== undefined && last[1] === Infinity;
    if (blinkUv > 0 && !open) {
      this.blinks.push([timeS, Infinity]);
      if (this.blinks.length > MAX_BLINKS) this.blinks.shift();
    } else if (blinkUv <= 0 && open) {
      last[1] = timeS;
    }
  }

  /** The com sample at `timeS`, as its JSON body. */
  com(timeS: number): string {
    const forced = this.activeForced('com', timeS);
    if (forced) return `[${JSON.stringify(forced.action)},${round3(forced.power)}]`;
    const s = Math.floor(timeS / this.eventS);
    const profile = this.profile;
    if (s % 2 === 0 || !profile) return '["neutral",0]';
    const eligible = profile.activeActions.filter(
      (a) => a !== 'neutral' && (profile.trained.mentalCommand[a] ?? 0) > 0,
    );
    if (eligible.length === 0) return '["neutral",0]';
    const rand = this.slotRand(s);
    const action = eligible[Math.floor(rand() * eligible.length)];
    const power = MIN_POWER + (MAX_POWER - MIN_POWER) * rand();
    const sensitivity = profile.sensitivity[profile.activeActions.indexOf(action)] ?? 5;
    if (power < (10 - sensitivity) * 0.05) return '["neutral",0]';
    return `[${JSON.stringify(action)},${round3(power)}]`;
  }

  /** The fac sample at `timeS`, as its JSON body. */
  fac(timeS: number): string {
    const row: FacRow = ['neutral', 'neutral', 0, 'neutral', 0];
    const s = Math.floor(timeS / this.eventS);
    if (s % 2 === 1) {
      const rand = this.slotRand(s ^ 0x5bd1e995);
      const eye = rand();
      const eyeAction = ['winkL', 'winkR', 'horiEye'][Math.floor(rand() * 3)];
      if (eye < 1 / 3 && timeS - s * this.eventS < EYE_EVENT_S) row[0] = eyeAction;
      const upper = rand();
      const upperAction = UPPER_ACTIONS[Math.floor(rand() * UPPER_ACTIONS.length)];
      const upperPower = MIN_POWER + (MAX_POWER - MIN_POWER) * rand();
      if (upper < 0.5) [row[1], row[2]] = [upperAction, round3(upperPower)];
      row[3] = LOWER_ACTIONS[Math.floor(rand() * LOWER_ACTIONS.length)];
      row[4] = round3(MIN_POWER + (MAX_POWER - MIN_POWER) * rand());
    }
    if (this.blinks.some(([start, end]) => timeS >= start && timeS <= end)) row[0] = 'blink';
    const eye = this.activeForced('eye', timeS);
    if (eye) row[0] = eye.action;
    const upper = this.activeForced('upper', timeS);
    if (upper) [row[1], row[2]] = [upper.action, round3(upper.power)];
    const lower = this.activeForced('lower', timeS);
    if (lower) [row[3], row[4]] = [lower.action, round3(lower.power)];
    return JSON.stringify(row);
  }

  private activeForced(slot: 'com' | 'eye' | 'upper' | 'lower', timeS: number) {
    const f = this.forced.get(slot);
    if (f && timeS > f.untilS) this.forced.delete(slot);
    return f && timeS <= f.untilS ? f : undefined;
  }

  private slotRand(s: number): () => number {
    return mulberry32((this.seed ^ Math.imul(s, 0x9e3779b1)) >>> 0);
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
