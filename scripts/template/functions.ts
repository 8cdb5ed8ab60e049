import { resolve } from 'node:path';
import { isObject, type Properties, resourcesOfType, TEMPLATE_DIR, type Template } from './template.js';

/** A function as `sam build` sees it: where its code is, its handler and its esbuild BuildProperties. */
export interface EsbuildFunction {
  logicalId: string;
  /** Absolute path of CodeUri, the directory esbuild runs in (entry points are relative to it). */
  codeDir: string;
  /** `<file without extension>.<export>`, e.g. `index.handler`. */
  handler: string;
  buildProperties: Properties;
  /** Files copied beside the bundle as they are (Metadata.BundleFiles, relative to CodeUri). */
  bundleFiles: string[];
}

/**
 * Every AWS::Serverless::Function of the template, with Globals.Function applied the way SAM applies it
 * (a function's own CodeUri/Handler win). Every function here must be built by esbuild: anything else
 * could not be bundled by `make build`, so it is an error rather than a silent skip.
 */
export function esbuildFunctions(template: Template, templateDir = TEMPLATE_DIR): EsbuildFunction[] {
  const globals = template.Globals?.Function ?? {};
  return resourcesOfType(template, 'AWS::Serverless::Function').map(([logicalId, resource]) => {
    const properties = { ...globals, ...resource.Properties };
    const { BuildMethod, BuildProperties, BundleFiles } = resource.Metadata ?? {};
    if (BuildMethod !== 'esbuild' || !isObject(BuildProperties)) {
      throw new Error(`${logicalId}: Metadata must have BuildMethod: esbuild and BuildProperties.`);
    }
    const { CodeUri, Handler } = properties;
    if (typeof CodeUri !== 'string' || typeof Handler !== 'string') {
      throw new Error(
        `${logicalId}: CodeUri and Handler must be plain strings (in the function or Globals).`,
      );
    }
    return {
      logicalId,
      codeDir: resolve(templateDir, CodeUri),
      handler: Handler,
      buildProperties: BuildProperties,
      bundleFiles: Array.isArray(BundleFiles) ? BundleFiles.map(String) : [],
    };
  });
}
