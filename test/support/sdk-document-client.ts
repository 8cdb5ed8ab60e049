import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The SDK's document client with the app's marshalling (createDynamoDbClient's `removeUndefinedValues`), on a
 * local endpoint: what the thin client is compared with. Its waits and retries do not matter there, and
 * building it here keeps those tests apart from how the composition builds its clients.
 */
export function sdkDocumentClient(endpoint: string, region: string): DynamoDBDocumentClient {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region, credentials }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
