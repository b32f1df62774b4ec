// cortex-rx: the reactive Cortex client. The client lands with the issue "The reactive Cortex client".
export { METHODS, ERROR, WARNING } from './protocol';
export type { MethodName, ParamsOf, ResultOf } from './protocol';
