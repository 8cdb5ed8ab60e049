export { createManagementClient, type ManagementClientOptions } from './management-client.js';
export { ManagementApiPushGateway } from './management-push-gateway.js';
