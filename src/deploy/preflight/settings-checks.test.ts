import { readFile } from 'node:fs/promises';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { DeployError } from '../errors.js';
import {
  assertDeploySettings,
  checkDeploySettings,
  type DeploySettings,
  parseParameterOverrides,
} from './settings-checks.js';

const settings = (
  environment: DeploySettings['environment'],
  parameters: Record<string, string>,
  branch?: string,
) => ({
  environment,
  parameters: { AllowedOrigins: 'https://blog.mine.dev', ...parameters },
  ...(branch ? { checkout: { branch } } : {}),
});
const flagged = (s: DeploySettings) => checkDeploySettings(s).map((p) => p.setting);

describe('settings that would deploy a useless stack', () => {
  it('accepts a managed pool with real origins, from the release branch', () => {
    expect(
      checkDeploySettings(settings('production', { AuthProvider: 'managed-cognito' }, 'production')),
    ).toEqual([]);
  });

  it('passes samconfig.toml as shipped, and catches the sample values it used to ship', async () => {
    const samconfig = parse(await readFile('infrastructure/aws-sam/samconfig.toml', 'utf8')) as Record<
      string,
      { deploy: { parameters: { parameter_overrides: string[] } } }
    >;
    const parameters = (environment: string) =>
      parseParameterOverrides(
        (samconfig[environment]?.deploy.parameters.parameter_overrides ?? []).join(' '),
      );
    // As shipped, every environment deploys something usable: its own pool, its own site, no samples.
    for (const environment of ['development', 'staging', 'production'] as const) {
      expect(flagged({ environment, parameters: parameters(environment) })).toEqual([]);
    }
    // The samples it used to ship are caught.
    expect(
      flagged({
        environment: 'staging',
        parameters: {
          ...parameters('staging'),
          AllowedOrigins: 'https://staging.blogapp.example.com',
          AuthProvider: 'firebase',
          FirebaseProjectId: 'blogapp-staging',
        },
      }),
    ).toEqual(['AllowedOrigins', 'FirebaseProjectId']);
  });

  it.each([
    [{ AllowedOrigins: 'https://blog.example.com' }, 'AllowedOrigins', /sample origin.*blog\.example\.com/],
    [{ AllowedOrigins: 'http://localhost:5173' }, 'AllowedOrigins', /local dev server/],
    [{ AuthProvider: 'firebase' }, 'FirebaseProjectId', /without a Firebase project/],
    [
      { AuthProvider: 'firebase', FirebaseProjectId: 'blogapp-staging' },
      'FirebaseProjectId',
      /sample project id/,
    ],
    [
      { AuthProvider: 'firebase', FirebaseProjectId: 'my-blog-4f2a1' },
      'FirebaseWebApiKey',
      /without the web app’s apiKey/,
    ],
    [
      { AuthProvider: 'cognito', CognitoUserPoolId: 'eu-west-1_AbC' },
      'CognitoUserPoolId',
      /needs an existing pool/,
    ],
    [
      { AuthProvider: 'cognito', CognitoUserPoolId: 'pool', CognitoClientId: 'c' },
      'CognitoUserPoolId',
      /not a user pool id/,
    ],
    [{ SiteDomainName: 'blog.mine.dev' }, 'SiteCertificateArn', /go together/],
    [
      {
        SiteDomainName: 'blog.mine.dev',
        SiteCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/ab-12',
      },
      'SiteCertificateArn',
      /not an ACM certificate in us-east-1/,
    ],
    [{ AlarmEmail: 'you@example.com' }, 'AlarmEmail', /sample address/],
    [{ ApiDomainName: 'api.mine.dev' }, 'ApiCertificateArn', /go together/],
  ])('flags %o in staging', (parameters, setting, problem) => {
    const [found, ...rest] = checkDeploySettings(settings('staging', parameters));
    expect(rest).toEqual([]);
    expect(found?.setting).toBe(setting);
    expect(found?.problem).toMatch(problem);
    expect(found?.fix.length).toBeGreaterThan(20);
  });

  it('refuses production from any branch but the release branch, naming it', () => {
    const [problem] = checkDeploySettings(settings('production', {}, 'main'));
    expect(problem).toMatchObject({
      setting: 'branch',
      problem: expect.stringContaining('production branch'),
    });
    expect(problem?.fix).toContain('git checkout production');
    expect(checkDeploySettings(settings('staging', {}, 'feature/x'))).toEqual([]);
  });

  it('stops the deploy with every problem and what to change for each', () => {
    const attempt = () =>
      assertDeploySettings(
        settings('production', { AllowedOrigins: 'https://example.com', AuthProvider: 'firebase' }, 'main'),
      );
    expect(attempt).toThrow(DeployError);
    try {
      attempt();
    } catch (error) {
      expect((error as DeployError).message).toMatch(
        /branch: .*\n.*AllowedOrigins: .*\n.*FirebaseProjectId: /,
      );
      expect((error as DeployError).whatNext.split('\n')).toHaveLength(3);
    }
  });
});

describe('parseParameterOverrides', () => {
  it('reads bare and quoted values', () => {
    expect(
      parseParameterOverrides(
        'Environment=staging AllowedOrigins="https://a.dev,https://b.dev" Empty= Q="say \\"hi\\""',
      ),
    ).toEqual({
      Environment: 'staging',
      AllowedOrigins: 'https://a.dev,https://b.dev',
      Empty: '',
      Q: 'say "hi"',
    });
  });
});
