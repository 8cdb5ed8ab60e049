import {
  CreateAliasCommand,
  CreateFunctionCommand,
  type LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import type { MotoServer } from './moto-server.js';

/**
 * An IAM role in moto through IAM's query API: no IAM SDK client is installed, and moto checks that a
 * function's role exists. (moto does not verify signatures; the credential scope names the service.)
 */
export async function createMotoRole(moto: MotoServer, roleName: string): Promise<string> {
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    }),
  });
  const response = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  if (!response.ok) throw new Error(`CreateRole failed: ${response.status} ${await response.text()}`);
  return `arn:aws:iam::123456789012:role/${roleName}`;
}

const handlerZip = (body: string) =>
  zipSync({ 'index.mjs': new TextEncoder().encode(`export const handler = async () => ${body};`) });

/** A function with versions 1..versions published and `live` on version 1, as after earlier deploys. */
export async function createVersionedFunction(
  lambda: LambdaClient,
  role: string,
  functionName: string,
  versions: number,
): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Role: role,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip('1') },
      Publish: true,
    }),
  );
  await lambda.send(
    new CreateAliasCommand({ FunctionName: functionName, Name: 'live', FunctionVersion: '1' }),
  );
  for (let version = 2; version <= versions; version++) {
    await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: functionName, ZipFile: handlerZip(String(version)) }),
    );
    await lambda.send(new PublishVersionCommand({ FunctionName: functionName }));
  }
}
