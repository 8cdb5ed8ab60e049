/** A failure the operator can act on: what went wrong, and what to do next. The CLIs print both and exit 1. */
export class DeployError extends Error {
  override name = 'DeployError';
  constructor(
    message: string,
    readonly whatNext: string,
  ) {
    super(message);
  }
}

/** Bad command-line arguments: the CLIs print the message and their usage, and exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
