import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../scripts/template/template.js';
import { resolve, type Scenario, scenario } from './support/intrinsics.js';

/** The hosted web client (`# --- site`): a private bucket behind CloudFront, evaluated per scenario. */
const template = await loadTemplate();
const inEnvironment = (Environment: string, parameters: Record<string, string> = {}) =>
  scenario(template, { Environment, AllowedOrigins: 'https://blog.example.com', ...parameters });
// biome-ignore lint/suspicious/noExplicitAny: resolved template JSON, read by known paths; a wrong path fails the test
type Resolved = Record<string, any>;
const properties = (logicalId: string, s: Scenario) =>
  resolve(template, template.Resources[logicalId]?.Properties, s) as Resolved;
const staging = inEnvironment('staging');
const distribution = properties('SiteDistribution', staging).DistributionConfig;
const CUSTOM = {
  SiteDomainName: 'blog.example.org',
  SiteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
};

describe('the site bucket', () => {
  it('is private, with no website endpoint', () => {
    const bucket = properties('SiteBucket', staging);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
  });

  it('is readable only by this stack’s distribution, through origin access control, over TLS', () => {
    const statements = properties('SiteBucketPolicy', staging).PolicyDocument.Statement;
    const allows = statements.filter((statement: { Effect: string }) => statement.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'CloudFrontReadsThroughOac',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: expect.stringMatching(/^arn:aws:.*site.*\/\*$/),
        Condition: {
          StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/E2ABCDEFGHIJKL' },
        },
      },
    ]);
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'TlsOnly', Effect: 'Deny' }));
    const [origin] = distribution.Origins;
    expect(origin.OriginAccessControlId).toBe('blogapp-staging-SiteOriginAccessControl-1A2B3C4D5E6F.Id');
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(properties('SiteOriginAccessControl', staging).OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
    });
  });
});

describe('the distribution', () => {
  it('serves HTTPS only, redirecting HTTP', () => {
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(distribution.CacheBehaviors ?? []).toEqual([]);
  });

  it('falls back to index.html (200) for paths the bucket does not have', () => {
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
  });

  it('lets each object’s Cache-Control decide, so no-cache on index.html is honoured', () => {
    const policy = properties('SiteCachePolicy', staging).CachePolicyConfig;
    expect(policy.MinTTL).toBe(0);
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(31_536_000);
    expect(distribution.DefaultCacheBehavior.CachePolicyId).toBe(
      'blogapp-staging-SiteCachePolicy-1A2B3C4D5E6F',
    );
  });

  it('uses CloudFront’s own domain and certificate unless a custom domain is given', () => {
    expect(distribution.Aliases).toBeUndefined();
    expect(distribution.ViewerCertificate).toEqual({ CloudFrontDefaultCertificate: true });
    const custom = properties('SiteDistribution', inEnvironment('production', CUSTOM)).DistributionConfig;
    expect(custom.Aliases).toEqual(['blog.example.org']);
    expect(custom.ViewerCertificate).toEqual({
      AcmCertificateArn: CUSTOM.SiteCertificateArn,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('states the site URL as an output', () => {
    const url = (s: Scenario) => resolve(template, template.Outputs?.SiteUrl?.Value, s);
    expect(url(staging)).toBe('https://d111111abcdef8.cloudfront.net');
    expect(url(inEnvironment('production', CUSTOM))).toBe('https://blog.example.org');
  });
});

describe('security headers', () => {
  const headers = properties('SiteHeadersPolicy', staging).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
  const csp = (s: Scenario) =>
    String(
      (properties('SiteHeadersPolicy', s).ResponseHeadersPolicyConfig.SecurityHeadersConfig as Resolved)
        .ContentSecurityPolicy.ContentSecurityPolicy,
    );
  const directive = (policy: string, name: string) =>
    policy
      .split('; ')
      .find((d) => d.startsWith(`${name} `))
      ?.split(' ')
      .slice(1);

  it('sets HSTS, nosniff, DENY framing and a referrer policy, overriding the origin', () => {
    expect(headers.StrictTransportSecurity).toMatchObject({ Override: true, IncludeSubdomains: true });
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ Override: true, FrameOption: 'DENY' });
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
    expect(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).toBe(
      'blogapp-staging-SiteHeadersPolicy-1A2B3C4D5E6F',
    );
  });

  it('lets scripts come only from the site, and connections go only to the APIs, S3 and sign-in', () => {
    const policy = csp(staging);
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'connect-src')).toEqual([
      "'self'",
      'https://*.execute-api.us-east-1.amazonaws.com',
      'wss://*.execute-api.us-east-1.amazonaws.com',
      'https://*.s3.us-east-1.amazonaws.com',
      'https://cognito-idp.us-east-1.amazonaws.com',
      'https://blogapp-staging-123456789012.auth.us-east-1.amazoncognito.com',
    ]);
  });

  it('names no sign-in domain when the stack has no pool of its own', () => {
    const policy = csp(inEnvironment('staging', { AuthProvider: 'firebase', FirebaseProjectId: 'p' }));
    expect(directive(policy, 'connect-src')?.some((source) => source.includes('cognito'))).toBe(false);
  });

  it('allows Firebase’s endpoints and the project’s authDomain only when Firebase signs people in', () => {
    const FIREBASE = ['https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com'];
    const firebase = csp(
      inEnvironment('staging', { AuthProvider: 'firebase', FirebaseProjectId: 'my-blog' }),
    );
    expect(directive(firebase, 'connect-src')).toEqual(
      expect.arrayContaining([...FIREBASE, 'https://my-blog.firebaseapp.com']),
    );
    // Google sign-in: Firebase's SDK loads Google's iframe helper, which runs on the authDomain.
    expect(directive(firebase, 'script-src')).toEqual(["'self'", 'https://apis.google.com']);
    expect(directive(firebase, 'frame-src')).toEqual(['https://my-blog.firebaseapp.com']);

    const ownDomain = csp(
      inEnvironment('staging', {
        AuthProvider: 'firebase',
        FirebaseProjectId: 'my-blog',
        FirebaseAuthDomain: 'login.blog.mine.dev',
      }),
    );
    expect(directive(ownDomain, 'frame-src')).toEqual(['https://login.blog.mine.dev']);
    expect(directive(ownDomain, 'connect-src')).toContain('https://login.blog.mine.dev');

    const cognito = csp(staging);
    expect(directive(cognito, 'connect-src')?.filter((source) => FIREBASE.includes(source))).toEqual([]);
    expect(directive(cognito, 'frame-src')).toBeUndefined();
    expect(directive(cognito, 'script-src')).toEqual(["'self'"]);
  });
});

describe('the API on a custom domain', () => {
  const API = {
    ApiDomainName: 'api.blog.example.org',
    ApiCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def-456',
  };
  const custom = inEnvironment('production', API);

  it('exists only when asked for, mapped to the HTTP API’s $default stage', () => {
    for (const id of ['ApiCustomDomain', 'ApiCustomDomainMapping'])
      expect(template.Resources[id]?.Condition).toBe('HasApiDomain');
    expect(properties('ApiCustomDomain', custom)).toEqual({
      DomainName: 'api.blog.example.org',
      DomainNameConfigurations: [
        { CertificateArn: API.ApiCertificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    });
    expect(properties('ApiCustomDomainMapping', custom)).toMatchObject({ Stage: '$default' });
    expect(resolve(template, template.Outputs?.ApiCustomUrl?.Value, custom)).toBe(
      'https://api.blog.example.org',
    );
  });

  it('is a source the site’s CSP allows', () => {
    const policy = String(
      properties('SiteHeadersPolicy', custom).ResponseHeadersPolicyConfig.SecurityHeadersConfig
        .ContentSecurityPolicy.ContentSecurityPolicy,
    );
    expect(policy).toContain('https://api.blog.example.org');
  });
});
