import type { DeployEnvironment } from '../environments.js';
import { DeployError } from '../errors.js';
import { type Checkout, releaseCheckoutProblem } from './release-checkout.js';

/**
 * Settings that would deploy fine and leave a useless stack: samconfig's sample values, an identity provider
 * missing what it needs, production from the wrong branch. Each problem says what to change. Pure: the
 * deploy engine hands in the template parameters it is about to use and the checkout it runs from.
 */
export interface SettingsProblem {
  /** The parameter (or `branch`) at fault. */
  setting: string;
  problem: string;
  fix: string;
}

export interface DeploySettings {
  environment: DeployEnvironment;
  /** The stack's parameters as they will be deployed (samconfig's parameter_overrides and any override). */
  parameters: Readonly<Record<string, string>>;
  /** The git checkout the deploy runs from; undefined outside one. */
  checkout?: Checkout;
}

const SAMCONFIG = 'infrastructure/aws-sam/samconfig.toml';
/** RFC 2606 names and the placeholders samconfig has shipped with: nobody's real settings. */
const SAMPLE_HOST = /(^|\.)(example\.(com|org|net)|[a-z0-9-]+\.(example|test|invalid))$/i;
const SAMPLE_FIREBASE_PROJECTS = /^(blogapp-(development|staging|production)|your-[a-z-]+|my-project)$/;
const POOL_ID = /^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]+$/;
const US_EAST_1_CERTIFICATE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;

export function checkDeploySettings({
  environment,
  parameters,
  checkout,
}: DeploySettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const add = (setting: string, problem: string, fix: string) => problems.push({ setting, problem, fix });
  const value = (name: string) => parameters[name]?.trim() ?? '';

  const offRelease = environment === 'production' && checkout ? releaseCheckoutProblem(checkout) : undefined;
  if (offRelease) add('branch', offRelease.problem, offRelease.fix);

  const origins = value('AllowedOrigins')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const sampleOrigins = origins.filter((origin) => {
    try {
      return SAMPLE_HOST.test(new URL(origin).hostname);
    } catch {
      return false;
    }
  });
  if (sampleOrigins.length > 0) {
    add(
      'AllowedOrigins',
      `still the sample origin(s) ${sampleOrigins.join(', ')}`,
      `put your own site's origin(s) in AllowedOrigins in ${SAMCONFIG} [${environment}], or remove them: the hosted web client's origin is allowed without being listed`,
    );
  }
  if (
    environment !== 'development' &&
    origins.some((origin) => /^http:\/\/(localhost|127\.0\.0\.1)/.test(origin))
  ) {
    add(
      'AllowedOrigins',
      `lets a local dev server (${origins.filter((o) => o.startsWith('http://')).join(', ')}) call ${environment}`,
      `remove the http://localhost and http://127.0.0.1 origins from ${SAMCONFIG} [${environment}]`,
    );
  }

  const provider = value('AuthProvider') || 'managed-cognito';
  if (provider === 'firebase') {
    const project = value('FirebaseProjectId');
    if (!project) {
      add(
        'FirebaseProjectId',
        'AuthProvider=firebase without a Firebase project: nobody could sign in',
        `add "FirebaseProjectId=<your project id>" to ${SAMCONFIG} [${environment}] (Firebase console → Project settings), or use AuthProvider=managed-cognito`,
      );
    } else if (SAMPLE_FIREBASE_PROJECTS.test(project)) {
      add(
        'FirebaseProjectId',
        `still the sample project id ${project}`,
        `set FirebaseProjectId to your Firebase project's id, or switch to AuthProvider=managed-cognito (the stack then creates its own user pool)`,
      );
    } else if (!value('FirebaseWebApiKey')) {
      add(
        'FirebaseWebApiKey',
        'AuthProvider=firebase without the web app’s apiKey: the hosted site could not sign anyone in',
        `add "FirebaseWebApiKey=<apiKey>" to ${SAMCONFIG} [${environment}] (Firebase console → Project settings → Your apps → Web app → SDK setup and configuration)`,
      );
    }
  } else if (provider === 'cognito') {
    const pool = value('CognitoUserPoolId');
    if (!pool || !value('CognitoClientId')) {
      add(
        'CognitoUserPoolId',
        'AuthProvider=cognito needs an existing pool: CognitoUserPoolId and CognitoClientId',
        `add both to ${SAMCONFIG} [${environment}] (Cognito console → User pools → your pool → App clients), or use AuthProvider=managed-cognito`,
      );
    } else if (!POOL_ID.test(pool)) {
      add(
        'CognitoUserPoolId',
        `${pool} is not a user pool id`,
        'a pool id looks like eu-west-1_AbC123: copy it from the Cognito console',
      );
    }
  }

  const domain = value('SiteDomainName');
  const certificate = value('SiteCertificateArn');
  if (Boolean(domain) !== Boolean(certificate)) {
    add(
      domain ? 'SiteCertificateArn' : 'SiteDomainName',
      'SiteDomainName and SiteCertificateArn go together',
      'request an ACM certificate for the name in us-east-1 (CloudFront reads certificates only there) and set both, or neither',
    );
  } else if (certificate && !US_EAST_1_CERTIFICATE.test(certificate)) {
    add(
      'SiteCertificateArn',
      `${certificate} is not an ACM certificate in us-east-1`,
      'CloudFront takes certificates from us-east-1 only: request or import it there',
    );
  }

  if (Boolean(value('ApiDomainName')) !== Boolean(value('ApiCertificateArn'))) {
    add(
      value('ApiDomainName') ? 'ApiCertificateArn' : 'ApiDomainName',
      'ApiDomainName and ApiCertificateArn go together',
      "request an ACM certificate for the API's name in the stack's region and set both, or neither",
    );
  }

  const alarmEmail = value('AlarmEmail');
  if (alarmEmail && SAMPLE_HOST.test(alarmEmail.split('@')[1] ?? '')) {
    add(
      'AlarmEmail',
      `still the sample address ${alarmEmail}: alarms would go nowhere`,
      'set AlarmEmail to a mailbox someone reads, or remove it',
    );
  }
  return problems;
}

/** Throws one DeployError listing every problem, so a single run shows all there is to change. */
export function assertDeploySettings(settings: DeploySettings): void {
  const problems = checkDeploySettings(settings);
  if (problems.length === 0) return;
  throw new DeployError(
    `${settings.environment} would deploy but not work:\n${problems.map((p) => `        ${p.setting}: ${p.problem}`).join('\n')}`,
    problems.map((p) => `${p.setting}: ${p.fix}`).join('\n'),
  );
}

/** samconfig's `parameter_overrides` string (`Key=Value Key2="v 2"`) as a map. */
export function parseParameterOverrides(overrides: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [, key, quoted, bare] of overrides.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g)) {
    if (key) parameters[key] = quoted?.replace(/\\(.)/g, '$1') ?? bare ?? '';
  }
  return parameters;
}
