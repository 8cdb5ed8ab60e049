import { join } from 'node:path';
import type { DeployEnvironment } from '../environments.js';

/** Where the Terraform configuration lives, relative to the project root. */
export const TERRAFORM_DIR = 'infrastructure/terraform';

/** Every root module: one per environment, plus the bootstrap root for the state bucket. */
export const TERRAFORM_ROOTS = [
  'bootstrap',
  'environments/development',
  'environments/staging',
  'environments/production',
] as const;

export function environmentRoot(root: string, environment: DeployEnvironment): string {
  return join(root, TERRAFORM_DIR, 'environments', environment);
}

/** The state key each environment's backend uses (must equal the backend block in its main.tf). */
export const stateKey = (environment: DeployEnvironment) => `blogapp/${environment}/terraform.tfstate`;
