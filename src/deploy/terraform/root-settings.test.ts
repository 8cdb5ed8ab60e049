import { describe, expect, it } from 'vitest';
import { moduleSettings, rootSettings } from './root-settings.js';
import { environmentRoot } from './roots.js';

const root = new URL('../../..', import.meta.url).pathname;

describe("an environment root's settings, as the preflight checks them", () => {
  it('reads the committed roots under the SAM parameter names, as samconfig.toml sets them', async () => {
    expect(await rootSettings(environmentRoot(root, 'development'))).toEqual({
      AllowedOrigins: 'http://localhost:5173,http://127.0.0.1:5173',
      AuthProvider: 'managed-cognito',
      LogRetentionDays: '7',
    });
    expect(await rootSettings(environmentRoot(root, 'production'))).toEqual({
      AuthProvider: 'managed-cognito',
      LogRetentionDays: '90',
    });
  });

  it('reads literals only: strings, numbers, lists over lines; not comments, variables or nested blocks', () => {
    const hcl = [
      'module "other" {',
      '  alarm_email = "other@mine.dev"',
      '}',
      'module "stack" {',
      '  source        = "../../modules/stack" # where',
      '  environment   = local.environment',
      '  allowed_origins = [',
      '    "https://blog.mine.dev", # the site',
      '    "https://admin.mine.dev",',
      '  ]',
      '  # alarm_email = "you@example.com"',
      '  alarm_email = "ops@mine.dev"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL's interpolation, not JavaScript's.
      '  firebase_project_id = "${var.project}"',
      '  tags = {',
      '    auth_provider = "firebase"',
      '  }',
      '  log_retention_days = 14',
      '}',
      'auth_provider = "cognito"',
    ].join('\n');
    expect(moduleSettings(hcl, 'stack')).toEqual({
      AllowedOrigins: 'https://blog.mine.dev,https://admin.mine.dev',
      AlarmEmail: 'ops@mine.dev',
      LogRetentionDays: '14',
    });
    expect(moduleSettings('module "site" {}', 'stack')).toEqual({});
  });
});
