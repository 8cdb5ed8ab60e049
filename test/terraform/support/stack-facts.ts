/** What the SAM template and the Terraform plan must agree on, in one comparable shape. */
export interface StackFacts {
  /** By SAM logical id (Table, ConnectionsTable). */
  tables: Record<string, TableFacts>;
  /** By function name suffix (api, websocket, comment-stream, broadcast). */
  functions: Record<string, FunctionFacts>;
  /** `METHOD /path`, with ` (AWS_IAM)` on routes that require SigV4. */
  httpRoutes: string[];
  websocketRoutes: string[];
  outputs: string[];
}

export interface TableFacts {
  /** `attribute:HASH`, `attribute:RANGE`. */
  keys: string[];
  indexes: { name: string; keys: string[]; projection: string }[];
  stream: string | undefined;
  ttl: string | undefined;
}

export interface FunctionFacts {
  runtime: string;
  architectures: string[];
  memory: number;
  timeout: number;
  tracing: string;
  /** Environment variable names, sorted. */
  environment: string[];
  /** AWS managed policy names (after `:policy/`), sorted. */
  managedPolicies: string[];
  /** The role's permissions boundary: the customer managed policy's name (after `:policy/`). */
  boundary: string | undefined;
  /** Statement id → its actions, sorted. */
  statements: Record<string, string[]>;
}
