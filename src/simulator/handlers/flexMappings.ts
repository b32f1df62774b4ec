import { randomUUID } from 'crypto';
import { ERROR, type ParamsOf, type ResultOf } from '../../protocol';
import type { AppState } from '../appState';
import { CortexFault } from '../cortexFault';
import { missingParams } from '../missingParams';
import type { HandlerMap } from './handlerTypes';
import { requireApp } from './requireApp';

/** The method of §3 for EPOC Flex sensor mappings. */
export type FlexMappingMethod = 'configMapping';

/** An EPOC Flex mapping config of an app. */
export interface FlexMapping {
  readonly uuid: string;
  readonly appId: string;
  name: string;
  mappings: Record<string, string>;
}

/** What the configMapping handler uses. */
export interface FlexMappingsContext {
  /** The mapping configs of every app, by uuid (in memory: they do not survive a restart). */
  readonly flexMappings: Map<string, FlexMapping>;
}

/** The slots of an EPOC Flex cap (§3): CMS, DRL, then LA..LQ and RA..RQ without LI/RI. */
const FLEX_SLOTS: ReadonlySet<string> = new Set([
  'CMS',
  'DRL',
  ...[...'ABCDEFGHJKLMNOPQ'].flatMap((c) => [`L${c}`, `R${c}`]),
]);

/** The mappings of a create/update: known slots only, CMS and DRL present, string labels. */
function checkedMappings(mappings: Record<string, string> | undefined): Record<string, string> {
  if (mappings === undefined) throw missingParams('mappings');
  const unknown = Object.keys(mappings).filter((k) => !FLEX_SLOTS.has(k));
  if (unknown.length > 0)
    throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: unknown slot ${unknown[0]}.`);
  if (!('CMS' in mappings) || !('DRL' in mappings)) {
    throw new CortexFault(ERROR.INVALID_PARAMS, "Invalid Parameters: 'mappings' needs CMS and DRL.");
  }
  return { ...mappings };
}

function configMapping(
  ctx: FlexMappingsContext,
  p: ParamsOf<'configMapping'>,
  app: AppState,
): ResultOf<'configMapping'> {
  const own = () => [...ctx.flexMappings.values()].filter((m) => m.appId === app.appId);
  const view = (m: FlexMapping) => ({ uuid: m.uuid, name: m.name, mappings: { ...m.mappings } });
  const byUuid = (): FlexMapping => {
    if (p.uuid === undefined) throw missingParams('uuid');
    const m = ctx.flexMappings.get(p.uuid);
    if (!m || m.appId !== app.appId)
      throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no mapping ${p.uuid}.`);
    return m;
  };
  switch (p.status) {
    case 'create': {
      if (p.name === undefined) throw missingParams('name');
      const m: FlexMapping = {
        uuid: randomUUID(),
        appId: app.appId,
        name: p.name,
        mappings: checkedMappings(p.mappings),
      };
      ctx.flexMappings.set(m.uuid, m);
      return { message: 'Create mapping config successfully.', ...view(m) };
    }
    case 'get':
      return { message: 'Get mapping configs successfully.', config: own().map(view) };
    case 'read':
      return { message: 'Read mapping config successfully.', ...view(byUuid()) };
    case 'update': {
      const m = byUuid();
      if (p.name !== undefined) m.name = p.name;
      if (p.mappings !== undefined) m.mappings = checkedMappings(p.mappings);
      return { message: 'Update mapping config successfully.', ...view(m) };
    }
    case 'delete': {
      const m = byUuid();
      ctx.flexMappings.delete(m.uuid);
      return { message: 'Delete mapping config successfully.', uuid: m.uuid };
    }
  }
}

/**
 * The handler of configMapping (§3): an app's EPOC Flex mapping configs (create, get, read, update, delete); the
 * simulator has no Flex headset, so the configs are only stored.
 *
 * ## Example
 * ```ts
 * const handlers = createFlexMappingsHandlers({ flexMappings: new Map() });
 * handlers.configMapping({ cortexToken, status: 'create', name: 'cap', mappings: { CMS: 'TP8', DRL: 'P6' } }, conn, app);
 * ```
 */
export function createFlexMappingsHandlers(ctx: FlexMappingsContext): HandlerMap<FlexMappingMethod> {
  return { configMapping: (p, _conn, app) => configMapping(ctx, p, requireApp(app)) };
}
