import { describe, expect, it } from 'vitest';
import { installedSwaggerUi, type SwaggerUiFiles } from '../docs/swagger-ui-files.js';
import { docsRoutes } from './docs.routes.js';

describe('/docs', () => {
  const app = docsRoutes(installedSwaggerUi(), '/openapi.json');

  it('is a page whose every script and style is a path on this origin, under a self-only policy', async () => {
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(references).toEqual(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/start.js']);
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script [^>]*>[^<]+<\/script>/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const path of references) {
      const asset = await app.request(path as string);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type'), path).toMatch(/^text\/(css|javascript)/);
      expect((await asset.arrayBuffer()).byteLength, path).toBeGreaterThan(0);
    }
  });

  it('serves Swagger UI from the installed swagger-ui-dist, with no CDN in its start-up code', async () => {
    const bundle = await (await app.request('/docs/swagger-ui-bundle.js')).text();
    expect(bundle).toContain('SwaggerUIBundle');
    const start = await (await app.request('/docs/start.js')).text();
    expect(start).not.toMatch(/https?:/);
    expect(start).toContain('validatorUrl: null');
  });

  it('answers other files, and missing ones, with 404 in the error shape', async () => {
    const other = await app.request('/docs/package.json');
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'not_found' } });
    const none: SwaggerUiFiles = { read: async () => null };
    const missing = await docsRoutes(none, '/openapi.json').request('/docs/swagger-ui.css');
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { message: string } };
    expect(body.error.message).toContain('/openapi.json');
  });
});
