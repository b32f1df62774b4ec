import type { HeadsetModelName } from './headsetModels';
import { HEADSET_MODELS } from './headsetModels';

/** One entry of a headset spec: a model, how many, and the EEG rate. */
export interface HeadsetSpecEntry {
  readonly model: HeadsetModelName;
  readonly count: number;
  readonly eegRateHz: number;
}

/**
 * Parses the `--headsets` spec: comma-separated `MODEL[@RATE][:COUNT]` entries, e.g. `EPOCX:2,INSIGHT`,
 * `EPOCX@128:4`. Model names are case-insensitive; the rate defaults to the model's first rate and the count to 1.
 *
 * ## Example
 * ```ts
 * import { parseHeadsetSpec } from 'cortex-rx/simulator';
 * parseHeadsetSpec('EPOCX@128:2,insight'); // [{ model: 'EPOCX', count: 2, eegRateHz: 128 }, { model: 'INSIGHT', count: 1, eegRateHz: 128 }]
 * ```
 * @throws Error with a precise message for an unknown model, a bad count or an unsupported rate.
 */
export function parseHeadsetSpec(spec: string): HeadsetSpecEntry[] {
  const entries: HeadsetSpecEntry[] = [];
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)) {
    const m = /^([A-Za-z0-9]+)(?:@(\d+))?(?::(\d+))?$/.exec(raw);
    if (!m) throw new Error(`headset spec entry must look like MODEL[@RATE][:COUNT], got "${raw}"`);
    const name = m[1].toUpperCase();
    if (!Object.prototype.hasOwnProperty.call(HEADSET_MODELS, name)) {
      throw new Error(`unknown headset model "${m[1]}" (known: ${Object.keys(HEADSET_MODELS).join(', ')})`);
    }
    const model = name as HeadsetModelName;
    const rates: readonly number[] = HEADSET_MODELS[model].eegRatesHz;
    const eegRateHz = m[2] === undefined ? rates[0] : Number(m[2]);
    if (!rates.includes(eegRateHz)) {
      throw new Error(`${model} supports EEG rates ${rates.join(' or ')} Hz, got ${eegRateHz}`);
    }
    const count = m[3] === undefined ? 1 : Number(m[3]);
    if (!Number.isSafeInteger(count) || count < 1 || count > 256) {
      throw new Error(`headset count must be an integer from 1 to 256, got ${m[3]}`);
    }
    entries.push({ model, count, eegRateHz });
  }
  if (entries.length === 0) throw new Error('headset spec is empty');
  return entries;
}
