import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { allowedMethods } from './allowed-methods.js';

describe('allowedMethods', () => {
  const app = new Hono();
  app.use('/api/*', async (_c, next) => next());
  app.get('/api/posts', (c) => c.text('list'));
  app.post('/api/posts', (c) => c.text('create'));
  app.patch('/api/posts/:id', (c) => c.text('edit'));
  app.put('/files/*', (c) => c.text('upload'));
  app.get('/a.b', (c) => c.text('dot'));
  app.get('/*', (c) => c.text('any file'));
  const allowedAt = allowedMethods(app);

  it('lists the methods of every route whose path matches, HEAD with GET and OPTIONS always', () => {
    expect(allowedAt('/api/posts')).toBe('GET, HEAD, POST, OPTIONS');
    expect(allowedAt('/api/posts/01ABC')).toBe('PATCH, OPTIONS');
    expect(allowedAt('/files/x/y.png')).toBe('PUT, OPTIONS');
  });

  it('counts neither middleware nor a catch-all route, and matches whole paths literally', () => {
    expect(allowedAt('/api/nope')).toBeUndefined();
    expect(allowedAt('/api/posts/01ABC/comments')).toBeUndefined();
    expect(allowedAt('/aXb')).toBeUndefined();
    expect(allowedAt('/a.b')).toBe('GET, HEAD, OPTIONS');
  });
});
