/**
 * The AWS environment of a run against the ECR stand-in (sandbox/ecr-server.ts), as a user would
 * point the SDK at LocalStack: the endpoint through AWS_ENDPOINT_URL_ECR, dummy static keys, and
 * no other place the SDK could find credentials in. Used by the demo, the tests and the benchmarks.
 */

/** Static keys for the stand-in; tests that scan for leaks pass their own. */
export interface StandInAwsKeys {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface StandInAwsOptions {
  /** Without keys the job has no credentials at all (no keys, no files, no instance metadata). */
  keys?: StandInAwsKeys
  /** AWS_REGION; unset by default (the action's `aws-region` input names it). */
  region?: string
  /** Also set the generic AWS_ENDPOINT_URL to the same endpoint. */
  genericEndpoint?: boolean
}

/** The variables, for a child's environment or for `process.env`. */
export function standInAwsEnv(
  endpointUrl: string,
  options: StandInAwsOptions = {}
): Record<string, string> {
  const env: Record<string, string> = { AWS_ENDPOINT_URL_ECR: endpointUrl }
  if (options.genericEndpoint) env.AWS_ENDPOINT_URL = endpointUrl
  if (options.region !== undefined) env.AWS_REGION = options.region
  if (options.keys) {
    env.AWS_ACCESS_KEY_ID = options.keys.accessKeyId
    env.AWS_SECRET_ACCESS_KEY = options.keys.secretAccessKey
    if (options.keys.sessionToken !== undefined) {
      env.AWS_SESSION_TOKEN = options.keys.sessionToken
    }
  }
  // Only loopback is reachable: the SDK must never look for instance, container or file
  // credentials.
  env.AWS_EC2_METADATA_DISABLED = 'true'
  env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/gib-aws-credentials'
  env.AWS_CONFIG_FILE = '/nonexistent/gib-aws-config'
  return env
}
