import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The files of Swagger UI that /docs serves, and their content types. */
export const SWAGGER_UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

export type SwaggerUiFile = keyof typeof SWAGGER_UI_FILES;

/** Where /docs gets Swagger UI's files: null when they are not installed beside the code. */
export interface SwaggerUiFiles {
  read(name: SwaggerUiFile): Promise<Uint8Array | null>;
}

/**
 * Swagger UI from the `swagger-ui-dist` package the lockfile pins, read once from wherever Node resolves it
 * (node_modules, or a Lambda layer's /opt/nodejs/node_modules), so /docs works offline and runs no code
 * fetched from a CDN at page load.
 */
export function installedSwaggerUi(): SwaggerUiFiles {
  const cache = new Map<SwaggerUiFile, Promise<Uint8Array | null>>();
  const read = async (name: SwaggerUiFile): Promise<Uint8Array | null> => {
    try {
      const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
      return await readFile(join(dir, name));
    } catch {
      return null;
    }
  };
  return {
    read(name) {
      let file = cache.get(name);
      if (!file) {
        file = read(name);
        cache.set(name, file);
      }
      return file;
    },
  };
}
