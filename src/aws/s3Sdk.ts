/**
 * The part of `@aws-sdk/client-s3` the trail-bucket source uses. Bundled on its own
 * (`dist/s3Sdk.js`) and loaded by {@link loadS3Sdk} only when a bucket is opened, so the S3 SDK
 * costs nothing at activation and stays out of `dist/extension.js`. Parser threads load it too,
 * for {@link createObjectFetcher} (they download the objects they parse).
 */
export { GetObjectCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
export { createObjectFetcher } from './bucket/objectFetcher';
