/**
 * What a developer on an older Node than Lambda's should know, in one line (undefined on Node 22 and
 * later): the local stack's banner and the deploy CLI say it instead of the AWS SDK's nine-line notice.
 */
export function nodeVersionNote(version = process.versions.node): string | undefined {
  if (Number(version.split('.')[0]) >= 22) return undefined;
  return `Node ${version}: Lambda runs Node 22 (see .nvmrc), and AWS SDK releases after January 2027 need it too.`;
}
