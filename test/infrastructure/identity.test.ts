import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../scripts/template/template.js';
import { evaluateCondition, resolve, type Scenario, scenario } from './support/intrinsics.js';

/** The managed user pool (`# --- identity`): the default for a new deployment, evaluated per scenario. */
const template = await loadTemplate();
const IDENTITY = [
  'UserPool',
  'UserPoolDomain',
  'WebAppClient',
  'SmokeAppClient',
  'WebAppClientLoginBranding',
];
const inEnvironment = (Environment: string, parameters: Record<string, string> = {}) =>
  scenario(template, { Environment, AllowedOrigins: 'https://blog.example.com', ...parameters });
const properties = (logicalId: string, s: Scenario) =>
  resolve(template, template.Resources[logicalId]?.Properties, s) as Record<string, unknown>;

describe('which provider a deployment gets', () => {
  it('creates its own pool when nothing says otherwise', () => {
    expect(template.Parameters?.AuthProvider?.Default).toBe('managed-cognito');
    expect(evaluateCondition(template, 'CreateUserPool', inEnvironment('staging'))).toBe(true);
  });

  it.each([
    ['firebase', { AuthProvider: 'firebase', FirebaseProjectId: 'p' }],
    ['cognito', { AuthProvider: 'cognito', CognitoUserPoolId: 'us-east-1_X1', CognitoClientId: 'c' }],
  ])('creates no pool with AuthProvider=%s', (_, parameters) => {
    const s = inEnvironment('staging', parameters);
    expect(evaluateCondition(template, 'CreateUserPool', s)).toBe(false);
    for (const logicalId of IDENTITY) expect(template.Resources[logicalId]?.Condition).toBe('CreateUserPool');
    for (const output of ['UserPoolId', 'WebClientId', 'SmokeClientId', 'SignInIssuer', 'SignInDomain'])
      expect(template.Outputs?.[output]?.Condition).toBe('CreateUserPool');
  });
});

describe('the user pool', () => {
  const pool = properties('UserPool', inEnvironment('production'));

  it('signs people up by email, verified with a code, with a password policy', () => {
    expect(pool).toMatchObject({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    });
    const policy = (pool.Policies as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true });
  });

  it('keeps production’s users when the stack or the pool goes', () => {
    const resource = template.Resources.UserPool;
    expect(resolve(template, resource?.DeletionPolicy, inEnvironment('production'))).toBe('Retain');
    expect(resolve(template, resource?.DeletionPolicy, inEnvironment('development'))).toBe('Delete');
    expect(pool.DeletionProtection).toBe('ACTIVE');
  });

  it('has a hosted sign-in domain whose prefix is unique per account', () => {
    const domain = properties('UserPoolDomain', inEnvironment('staging'));
    expect(domain).toMatchObject({ Domain: 'blogapp-staging-123456789012', ManagedLoginVersion: 2 });
    // Cognito refuses prefixes containing these words.
    expect(String(domain.Domain)).not.toMatch(/aws|amazon|cognito/);
  });
});

describe('the web app client', () => {
  const site = 'https://d111111abcdef8.cloudfront.net/';
  const local = [
    'http://localhost:3000/',
    'http://127.0.0.1:3000/',
    'http://localhost:5173/',
    'http://127.0.0.1:5173/',
  ];

  it('is public and signs in with the authorization code only (PKCE, no secret, no passwords)', () => {
    expect(properties('WebAppClient', inEnvironment('staging'))).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
    });
  });

  it('comes back to the hosted site, and to the local web client in development only', () => {
    const development = properties('WebAppClient', inEnvironment('development'));
    expect(development.CallbackURLs).toEqual([site, ...local]);
    expect(development.LogoutURLs).toEqual([site, ...local]);
    for (const environment of ['staging', 'production']) {
      const client = properties('WebAppClient', inEnvironment(environment));
      expect(client.CallbackURLs).toEqual([site]);
      expect(client.LogoutURLs).toEqual([site]);
    }
  });

  it('comes back to the custom domain when the site has one', () => {
    const client = properties(
      'WebAppClient',
      inEnvironment('production', {
        SiteDomainName: 'blog.example.org',
        SiteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
      }),
    );
    expect(client.CallbackURLs).toEqual(['https://blog.example.org/']);
  });
});

describe('the smoke app client', () => {
  it('allows only the admin password flow, which needs IAM credentials, and no OAuth', () => {
    const smoke = properties('SmokeAppClient', inEnvironment('production'));
    expect(smoke).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    expect(smoke.AllowedOAuthFlows).toBeUndefined();
    expect(smoke.CallbackURLs).toBeUndefined();
  });
});

describe('outputs', () => {
  it('names the pool, the clients, the issuer and the sign-in domain', () => {
    const s = inEnvironment('staging');
    const value = (name: string) => resolve(template, template.Outputs?.[name]?.Value, s);
    expect(value('UserPoolId')).toBe('us-east-1_AbC123dEf');
    expect(value('WebClientId')).toBe('webclient0123456789abcdef');
    expect(value('SmokeClientId')).toBe('smokeclient0123456789abcdef');
    expect(value('SignInIssuer')).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123dEf');
    expect(value('SignInDomain')).toBe(
      'https://blogapp-staging-123456789012.auth.us-east-1.amazoncognito.com',
    );
  });
});
