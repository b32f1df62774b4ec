import type { MethodName } from '../../protocol';
import { createAdvancedBciHandlers, type AdvancedBciContext, type AdvancedBciMethod } from './advancedBci';
import { createAuthHandlers, type AuthContext, type AuthMethod } from './auth';
import { createDetectionsHandlers, type DetectionMethod, type DetectionsContext } from './detections';
import { createExportHandlers, type ExportContext, type ExportMethod } from './export';
import { createFlexMappingsHandlers, type FlexMappingMethod, type FlexMappingsContext } from './flexMappings';
import type { Handlers } from './handlerTypes';
import { createHeadsetsHandlers, type HeadsetMethod, type HeadsetsContext } from './headsets';
import { createMarkersHandlers, type MarkerMethod, type MarkersContext } from './markers';
import { createProfilesHandlers, type ProfileMethod, type ProfilesContext } from './profiles';
import { createRecordsHandlers, type RecordMethod, type RecordsContext } from './records';
import { createSessionsHandlers, type SessionMethod, type SessionsContext } from './sessions';
import { createSubjectsHandlers, type SubjectMethod, type SubjectsContext } from './subjects';
import { createSubscriptionsHandlers, type SubscriptionMethod, type SubscriptionsContext } from './subscriptions';

/** Everything the handlers of every domain use: the union of the domains' small contexts. */
export type HandlerContext = AuthContext &
  HeadsetsContext &
  SessionsContext &
  SubscriptionsContext &
  RecordsContext &
  ExportContext &
  MarkersContext &
  SubjectsContext &
  ProfilesContext &
  DetectionsContext &
  AdvancedBciContext &
  FlexMappingsContext;

/** The methods of each domain, one union per handlers file. */
export type DomainMethods = [
  AuthMethod,
  HeadsetMethod,
  SessionMethod,
  SubscriptionMethod,
  RecordMethod,
  ExportMethod,
  MarkerMethod,
  SubjectMethod,
  ProfileMethod,
  DetectionMethod,
  AdvancedBciMethod,
  FlexMappingMethod,
];

/** The methods that appear in more than one of the unions `T` (never when they are disjoint). */
export type MethodsInTwoDomains<T extends readonly MethodName[], Seen extends MethodName = never> = T extends readonly [
  infer Head extends MethodName,
  ...infer Rest extends MethodName[],
]
  ? (Head & Seen) | MethodsInTwoDomains<Rest, Seen | Head>
  : never;

/** Compiles only when `T` is never: `AssertNone<'x'>` is an error naming `'x'`. */
export type AssertNone<T extends never> = T;

/**
 * The proof that no method is handled by two domains (the spread in {@link createHandlers} would silently keep the
 * last one): a compile error naming the method otherwise.
 */
export type NoMethodInTwoDomains = AssertNone<MethodsInTwoDomains<DomainMethods>>;

/**
 * The handler of every Cortex method, assembled from the domain files of `src/simulator/handlers/`.
 *
 * The compiler proves that every method of the `METHODS` table has exactly one handler:
 * - each domain returns a `HandlerMap<K>` for its union `K` of method names (`K extends MethodName`): an object literal
 *   missing a method of `K`, or holding a key outside `K` (a typo, a method of another domain, a name not in the
 *   table), does not compile;
 * - the assembled map is typed `Handlers`, the mapped type `{ [M in MethodName]: Handler<M> }`: a method of the table
 *   that no domain handles is a missing property;
 * - {@link NoMethodInTwoDomains} fails to compile when two domains' unions share a method.
 * test/simulator/handlers/createHandlers.spec.ts holds `@ts-expect-error` lines for the first two failures.
 *
 * ## Example
 * ```ts
 * const handlers = createHandlers({ config, apps, headsets, sessions, store, timers, subjects: new Map(), profiles, flexMappings: new Map() });
 * const result = await handlers.getCortexInfo({}, conn, undefined); // { version: '4.8.32', ... }
 * ```
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...createAuthHandlers(ctx),
    ...createHeadsetsHandlers(ctx),
    ...createSessionsHandlers(ctx),
    ...createSubscriptionsHandlers(ctx),
    ...createRecordsHandlers(ctx),
    ...createExportHandlers(ctx),
    ...createMarkersHandlers(ctx),
    ...createSubjectsHandlers(ctx),
    ...createProfilesHandlers(ctx),
    ...createDetectionsHandlers(ctx),
    ...createAdvancedBciHandlers(ctx),
    ...createFlexMappingsHandlers(ctx),
  };
}
