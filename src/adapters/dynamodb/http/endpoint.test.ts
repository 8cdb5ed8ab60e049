import { describe, expect, it } from 'vitest';
import { endpointOf } from './endpoint.js';

describe('DynamoDB endpoint', () => {
  it('prefers the option, then the service variable, then the general one, as the SDK does', () => {
    const env = { AWS_ENDPOINT_URL_DYNAMODB: 'http://dynamo:8000', AWS_ENDPOINT_URL: 'http://all:4566' };
    expect(endpointOf('http://127.0.0.1:9000', 'eu-west-1', env).href).toBe('http://127.0.0.1:9000/');
    expect(endpointOf(undefined, 'eu-west-1', env).href).toBe('http://dynamo:8000/');
    expect(endpointOf(undefined, 'eu-west-1', { AWS_ENDPOINT_URL: 'http://all:4566' }).href).toBe(
      'http://all:4566/',
    );
  });

  it("is the region's public endpoint otherwise, its FIPS one when asked", () => {
    expect(endpointOf(undefined, 'eu-west-1', {}).href).toBe('https://dynamodb.eu-west-1.amazonaws.com/');
    expect(endpointOf(undefined, 'us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }).href).toBe(
      'https://dynamodb-fips.us-east-1.amazonaws.com/',
    );
    expect(endpointOf(undefined, 'cn-north-1', {}).href).toBe(
      'https://dynamodb.cn-north-1.amazonaws.com.cn/',
    );
  });
});
