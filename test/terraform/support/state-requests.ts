/** One request to the state bucket as IAM authorizes it: the action, the ARN, and a listing's prefix. */
export interface StateCall {
  request: string;
  action: string;
  arn: string;
  prefix?: string;
}

/**
 * The requests (moto's log, `<METHOD> <path?query>`, path-style) that reached the bucket, as S3 actions. The
 * bucket's creation is left out: the bootstrap root (here motoBackend) does that, never a deploy.
 */
export function stateBucketCalls(requests: string[], bucket: string): StateCall[] {
  return requests.flatMap((request): StateCall[] => {
    const [method = '', target = ''] = request.split(' ');
    const url = new URL(target, 'http://moto');
    const [, first, ...rest] = url.pathname.split('/');
    if (first !== bucket) return [];
    const key = decodeURIComponent(rest.join('/'));
    const bucketArn = `arn:aws:s3:::${bucket}`;
    if (!key) {
      if (method === 'PUT' && url.search === '') return [];
      const listing = method === 'GET' && url.searchParams.get('list-type') === '2';
      return [
        {
          request,
          action: listing || method === 'HEAD' ? 's3:ListBucket' : `s3:bucket-${method}${url.search}`,
          arn: bucketArn,
          ...(listing ? { prefix: url.searchParams.get('prefix') ?? '' } : {}),
        },
      ];
    }
    const action = {
      GET: 's3:GetObject',
      HEAD: 's3:GetObject',
      PUT: 's3:PutObject',
      DELETE: 's3:DeleteObject',
    }[method];
    return [{ request, action: action ?? `s3:object-${method}`, arn: `${bucketArn}/${key}` }];
  });
}
