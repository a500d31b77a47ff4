import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request carries, set once when the request arrives. */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
