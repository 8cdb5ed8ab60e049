export { createS3Client, type S3ClientOptions } from './s3-client.js';
export { S3ImageStore, STATE_TAG } from './s3-image-store.js';
