import { isUnavailable, type SdkErrorShape, translateSdkError } from '../aws/sdk-errors.js';

export { isUnavailable };

/** Translates at the boundary: unavailability becomes UnavailableError (with the cause); the rest is rethrown. */
export function translateError(error: unknown): unknown {
  return translateSdkError(error, 'Storage is not answering right now; retry in a moment.');
}

/** Runs one storage call, translating its failure. */
export async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateError(error);
  }
}

export function isConditionFailed(error: unknown): boolean {
  return (error as SdkErrorShape | undefined)?.name === 'ConditionalCheckFailedException';
}
