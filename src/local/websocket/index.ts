export { type LocalWebSocketGatewayOptions, localWebSocketGatewayDefaults } from './gateway-options.js';
export type { GatewayLog, LocalWebSocketEvent, LocalWebSocketHandler, WebSocketIdentity } from './types.js';
export {
  type LocalWebSocketGateway,
  type StartLocalWebSocketGatewayInput,
  startLocalWebSocketGateway,
} from './websocket-gateway.js';
