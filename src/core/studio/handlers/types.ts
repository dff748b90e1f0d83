import type { ParsedParams, RequestName, RequestResult } from '../../../common/contract.js';
import type { StudioContext } from '../context.js';

export type Handler<M extends RequestName> = (
  ctx: StudioContext,
  params: ParsedParams<M>,
) => Promise<RequestResult<M>> | RequestResult<M>;

/** One handler per request; each area's file provides its share and the service checks the set is complete. */
export type Handlers = { [M in RequestName]: Handler<M> };
