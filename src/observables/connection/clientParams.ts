import type { MethodName, ParamsOf } from '../../protocol';

/** Params of a method as the client takes them: the cortexToken is optional (the client adds its own). */
export type ClientParams<M extends MethodName> = Omit<ParamsOf<M>, 'cortexToken'> & { readonly cortexToken?: string };
