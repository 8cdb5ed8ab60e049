import type { Tracer } from '@aws-lambda-powertools/tracer';

/** A tracer that records what code does with segments, in order, as X-Ray would see it. */
export function recordingTracer() {
  const calls: string[] = [];
  const subsegment = { close: () => calls.push('close') };
  const facade = {
    addNewSubsegment: (name: string) => {
      calls.push(`open ${name}`);
      return subsegment;
    },
  };
  const tracer = {
    getSegment: () => facade,
    setSegment: (segment: unknown) => calls.push(segment === subsegment ? 'enter' : 'leave'),
    annotateColdStart: () => calls.push('cold start'),
    addServiceNameAnnotation: () => calls.push('service'),
    addErrorAsMetadata: (error: Error) => calls.push(`error ${error.message}`),
    putMetadata: (key: string, value: unknown) => calls.push(`metadata ${key} ${JSON.stringify(value)}`),
  } as unknown as Tracer;
  return { tracer, calls };
}
