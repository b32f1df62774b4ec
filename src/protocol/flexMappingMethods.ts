import * as t from 'io-ts';
import { params } from './methodCodecs';

/** One EPOC Flex mapping config: sensor slots (`CMS`, `DRL`, `LA`..`RQ`) to 10-20 labels (§3). */
export const FlexMappingConfig = params(
  'FlexMappingConfig',
  { uuid: t.string },
  { name: t.string, label: t.unknown, mappings: t.record(t.string, t.string) },
);
/** One EPOC Flex mapping config: sensor slots (`CMS`, `DRL`, `LA`..`RQ`) to 10-20 labels (§3). */
export type FlexMappingConfig = t.TypeOf<typeof FlexMappingConfig>;

/**
 * `configMapping` (§3, EPOC Flex mapping configs), spread into `METHODS`.
 *
 * Choice where the reference says UNVERIFIED: the result is `{ message }` plus the config (`uuid, name, mappings`)
 * for create, read and update, `config: [...]` (every config) for get, and `uuid` for delete.
 *
 * ## Example
 * ```ts
 * import { METHODS } from 'cortex-rx/protocol';
 * const decoded = METHODS.configMapping.result.decode({ message: 'ok', config: [] });
 * ```
 */
export const FLEX_MAPPING_METHODS = {
  configMapping: {
    params: params(
      'ConfigMappingParams',
      { cortexToken: t.string, status: t.keyof({ create: null, get: null, read: null, update: null, delete: null }) },
      { uuid: t.string, name: t.string, mappings: t.record(t.string, t.string) },
    ),
    result: params(
      'ConfigMappingResult',
      { message: t.string },
      { uuid: t.string, name: t.string, mappings: t.record(t.string, t.string), config: t.array(FlexMappingConfig) },
    ),
  },
} as const;
