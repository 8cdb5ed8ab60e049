import type { ComposedDeps } from '../../composition/build-services.js';
import { compose } from '../../composition/compose.js';
import { ConfigError, loadConfig } from '../../config/config.js';
import type { AppDeps } from '../../http/app-deps.js';

/** The composed app for a function that pushes: without a management endpoint it has nothing to push through. */
export async function composeRealtime(): Promise<
  Required<Pick<AppDeps, 'realtime' | 'broadcastGuard'>> & ComposedDeps
> {
  const deps = await compose(loadConfig());
  const { realtime, broadcastGuard } = deps;
  if (!realtime || !broadcastGuard) {
    throw new ConfigError(
      'APP_WEBSOCKET_MANAGEMENT_ENDPOINT is not set: point it at the WebSocket API stage (https://{api}.execute-api.{region}.amazonaws.com/{stage}).',
    );
  }
  return { ...deps, realtime, broadcastGuard };
}
