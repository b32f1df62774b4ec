import type { ColumnLayout } from './columnLayout';
import type { StreamDecoder } from './streamDecoder';
import { sampleNumber, sampleText } from './sampleValue';

// The decoders of the detection streams (met, com, fac, sys): positions found when they are built, not per frame.

const num = sampleNumber;
const str = sampleText;

/**
 * The met decoder: each column by name; a non-finite number or a non-number (an inactive metric) is null.
 *
 * ## Example
 * ```ts
 * const decode = metDecoder(columnLayout('met', ['eng.isActive', 'eng']));
 * ```
 * @internal
 */
export function metDecoder(layout: ColumnLayout): StreamDecoder<'met'> {
  const { labels, expectLength } = layout;
  return (values, timeS) => {
    const bad = expectLength(values);
    if (bad) return bad;
    const metrics: Record<string, number | boolean | null> = Object.create(null) as Record<
      string,
      number | boolean | null
    >;
    for (let i = 0; i < labels.length; i++) {
      const v = values[i];
      metrics[labels[i]] = (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' ? v : null;
    }
    return { _tag: 'met', timeS, metrics };
  };
}

/**
 * The com decoder: the mental command (`act`) and its power (`pow`).
 *
 * ## Example
 * ```ts
 * const decode = comDecoder(columnLayout('com', ['act', 'pow']));
 * decode(['push', 0.4], 1700000000.25); // { _tag: 'com', timeS: 1700000000.25, action: 'push', power: 0.4 }
 * ```
 * @internal
 */
export function comDecoder(layout: ColumnLayout): StreamDecoder<'com'> {
  const { at, expectLength } = layout;
  const actAt = at('act');
  const powAt = at('pow');
  return (values, timeS) =>
    expectLength(values) ?? { _tag: 'com', timeS, action: str(values[actAt]), power: num(values[powAt]) };
}

/**
 * The fac decoder: eye action, upper-face and lower-face actions with their powers.
 *
 * ## Example
 * ```ts
 * const decode = facDecoder(columnLayout('fac', ['eyeAct', 'uAct', 'uPow', 'lAct', 'lPow']));
 * ```
 * @internal
 */
export function facDecoder(layout: ColumnLayout): StreamDecoder<'fac'> {
  const { at, expectLength } = layout;
  const eyeActAt = at('eyeAct');
  const uActAt = at('uAct');
  const uPowAt = at('uPow');
  const lActAt = at('lAct');
  const lPowAt = at('lPow');
  return (values, timeS) =>
    expectLength(values) ?? {
      _tag: 'fac',
      timeS,
      eyeAction: str(values[eyeActAt]),
      upperAction: str(values[uActAt]),
      upperPower: num(values[uPowAt]),
      lowerAction: str(values[lActAt]),
      lowerPower: num(values[lPowAt]),
    };
}

/**
 * The sys decoder: sys cols are UNVERIFIED (§5.3), so `[detection, event]` is read by position.
 *
 * ## Example
 * ```ts
 * sysDecoder()(['mentalCommand', 'MC_Succeeded'], 1700000000); // { _tag: 'sys', detection: 'mentalCommand', ... }
 * ```
 * @internal
 */
export function sysDecoder(): StreamDecoder<'sys'> {
  return (values, timeS) => ({ _tag: 'sys', timeS, detection: str(values[0]), event: str(values[1] ?? values[0]) });
}
