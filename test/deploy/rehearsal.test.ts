import { describe, expect, it } from 'vitest';
import { rehearse } from '../../scripts/rehearsal/rehearse.js';
import { repoRoot } from '../support/cli-process.js';

/**
 * `make rehearse` inside `make test`: the deploy code path against moto_server (started on a free loopback
 * port by the rehearsal itself). Quiet on success; on failure the whole transcript is in the message.
 */
describe('the deploy rehearsal on moto_server', () => {
  it('bootstraps, deploys, redeploys with no changes, stops a table replacement, recovers a failed create, publishes the site and signs the smoke user in', async () => {
    const transcript: string[] = [];
    try {
      await rehearse((line) => transcript.push(line), repoRoot);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- transcript ---\n${transcript.join('\n')}`);
    }
    const text = transcript.join('\n');
    expect(text).toMatch(/moto stood in for \(app stack\): .*HttpApi.*WebSocketApi/);
    for (const environment of ['development', 'staging', 'production']) {
      expect(text).toMatch(
        new RegExp(
          `✓ deploy role for ${environment}: arn:aws:iam::\\d{12}:role/blogapp-deploy-${environment}-`,
        ),
      );
    }
    // moto really keeps each function role's boundary (not a gap): the rehearsal holds it to
    // deploy-role.yaml's.
    expect(text).toMatch(/✓ function blogapp-development-api: /);
    expect(text).not.toContain("permissions boundary: moto's CloudFormation does not apply it");
    expect(text).toContain('✓ event source mapping');
    expect(text).toContain('No changes: blogapp-development already runs this code and template.');
    expect(text).toContain('Table (AWS::DynamoDB::Table) would be deleted: lost would be every item');
    expect(text).toContain('blogapp-staging is ROLLBACK_COMPLETE: its first create failed');
    expect(text).toContain('Deployed blogapp-staging');
    expect(text).toContain('Plan only: the change set above was created, shown and deleted');
    expect(text).toMatch(/✓ site: \d+ files in s3:\/\/\S+, blogapp-config\.js names /);
    expect(text).toContain(
      '✓ site: republished unchanged (no invalidation), then with index.html changed: index.html sent, CloudFront invalidated / /index.html',
    );
    expect(text).toMatch(/✓ smoke user: throwaway user \S+@smoke\.invalid created and signed in/);
    expect(text).toMatch(/✓ smoke user: .*deleted/i);
  }, 300_000);
});
