import { describe, expect, it } from 'vitest';
import { XRayTracer } from '../adapters/xray/xray-tracer.js';
import { loadConfig } from '../config/config.js';
import { createTracer } from './create-tracer.js';

const deployed = {
  APP_ENVIRONMENT: 'staging',
  APP_AUTH_PROVIDER: 'firebase',
  FIREBASE_PROJECT_ID: 'blog-staging',
  APP_CURSOR_SECRET: 'x'.repeat(32),
  APP_UPLOADS_BUCKET: 'blogapp-staging-uploads',
};

describe('createTracer', () => {
  it('traces a deployed function, unless POWERTOOLS_TRACE_ENABLED is off, and never the local stack', async () => {
    const traced = await createTracer(loadConfig(deployed));
    expect(traced).toBeInstanceOf(XRayTracer);
    (traced as XRayTracer).close();
    expect(
      await createTracer(loadConfig({ ...deployed, POWERTOOLS_TRACE_ENABLED: 'false' })),
    ).toBeUndefined();
    expect(await createTracer(loadConfig({}))).toBeUndefined();
  });
});
